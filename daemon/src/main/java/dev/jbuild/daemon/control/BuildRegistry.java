package dev.jbuild.daemon.control;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The builds running now, so that a shutting-down daemon can cancel them and tell their clients. */
final class BuildRegistry {
  private final Set<BuildCall> calls = ConcurrentHashMap.newKeySet();

  void add(BuildCall call) {
    calls.add(call);
  }

  void remove(BuildCall call) {
    calls.remove(call);
  }

  int running() {
    return calls.size();
  }

  void cancelAll(String why) {
    for (BuildCall c : new ArrayList<>(calls)) {
      c.cancel(Status.UNAVAILABLE.withDescription(why));
    }
  }
}
