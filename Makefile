# jbuild: build, install, test, bench.  Run `make help` for the targets.
PREFIX      ?= /usr/local
JBUILD_HOME ?= $(PREFIX)/lib/jbuild
MVN         ?= mvn -B -q
SHARED      ?= $(abspath ../shared)
# The JVM takes its file-name encoding from the locale: under C/POSIX it cannot name a file "café".
export LC_ALL := C.UTF-8

.PHONY: help deps build install uninstall test bench clean

help:
	@echo "make install   build jbuild and install jbuild + jbuildd under $(JBUILD_HOME), linked from $(PREFIX)/bin"
	@echo "make test      install the packages the tests need, then run every test (unit + end-to-end)"
	@echo "make bench     time jbuild against BuildKit on ../shared/bench cases (needs ../shared/bench/reference-env.sh)"
	@echo "make build     compile and package, no tests"

deps:
	@packaging/install-deps.sh

build:
	$(MVN) -DskipTests package

install: build
	packaging/install.sh "$(JBUILD_HOME)" "$(PREFIX)/bin"

uninstall:
	rm -rf "$(JBUILD_HOME)" "$(PREFIX)/bin/jbuild" "$(PREFIX)/bin/jbuildd"

# not quiet: Surefire's per-class lines and closing summary are the test report
test: deps
	mvn -B -ntp -Djbuild.shared="$(SHARED)" verify

bench: build
	bench/run.sh "$(SHARED)"

clean:
	$(MVN) clean
