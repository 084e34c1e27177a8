# e-terrain: `make help` lists the targets.
# Needs a JDK >= 21 (found by local/bin/find-jdk: JAVA_HOME if it qualifies, else /usr/lib/jvm/*) and Node.js
# with npm. Maven itself comes through the wrapper (./mvnw).

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
JDK := $(shell $(ROOT)/local/bin/find-jdk)
export JAVA_HOME := $(JDK)

MVN := $(ROOT)/mvnw -B -ntp -f $(ROOT)/pom.xml
# JDK 24+ warns at every Maven start about Guice's use of sun.misc.Unsafe; the option does not exist before 24.
JDK_MAJOR := $(if $(JDK),$(shell $(JDK)/bin/java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $$2}'))
ifeq ($(shell [ "$(JDK_MAJOR)" -ge 24 ] 2>/dev/null && echo new),new)
export MAVEN_OPTS := $(MAVEN_OPTS) --sun-misc-unsafe-memory-access=allow
endif
JAVA := $(JDK)/bin/java
# DynamoDB Local loads SQLite through System.load; newer JDKs warn unless native access is allowed.
JAVA_OPTS := --enable-native-access=ALL-UNNAMED
RUNTIME_CP_FILE := $(ROOT)/local/runtime/target/classpath.txt
NODE_DEPS := $(ROOT)/local/node_modules/.package-lock.json
# The API reference page (web/docs: Swagger UI, copied to web/docs/vendor) and the OpenAPI linter, pinned in
# web/docs/package-lock.json. Redocly's CLI runs without telemetry or update checks.
DOCS_DEPS := $(ROOT)/web/docs/node_modules/.package-lock.json
DOCS_VENDOR := $(ROOT)/web/docs/vendor/swagger-ui-bundle.js
# The console (web/console): Preact + hooks + htm in one ES module, pinned in web/console/package-lock.json and
# copied to web/console/vendor/ (git-ignored); axe-core, in the same lock, for the browser tests.
CONSOLE_DEPS := $(ROOT)/web/console/node_modules/.package-lock.json
CONSOLE_VENDOR := $(ROOT)/web/console/vendor/htm-preact.js
REDOCLY := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true $(ROOT)/web/docs/node_modules/.bin/redocly

# Fails the recipe (not the whole Makefile: `make help` still works) when no JDK qualifies.
check-jdk = $(if $(JDK),,$(error No JDK >= 21 found: set JAVA_HOME to one, or install one under /usr/lib/jvm \
	(e.g. apt-get install openjdk-21-jdk-headless)))

.DEFAULT_GOAL := help
.PHONY: help console browser run test test-reliability build invoke invoke-args select-weekly api-key invite hq-admin clean clean-local synth diff deploy bench

help: ## This list
	@echo "Targets (JDK: $(if $(JDK),$(JDK),none >= 21 found)):"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-12s %s\n", $$1, $$2}'

run: build $(NODE_DEPS) $(DOCS_VENDOR) $(CONSOLE_VENDOR) ## The whole platform locally (API :3000, SES inbox :8005), data in .local/, Ctrl-C stops
	$(check-jdk)
	@# A snapshot of our own jars: rebuilding while this runs rewrites them in place.
	@cd $(ROOT) && exec $(JAVA) $(JAVA_OPTS) -cp "$$(local/bin/classpath --snapshot .local/run/lib)" fr.eterrain.local.Main

test: $(NODE_DEPS) $(DOCS_VENDOR) $(CONSOLE_VENDOR) browser lint-openapi ## Every test: unit, integration (emulators) and end to end, all modules
	$(check-jdk)
	$(MVN) verify

test-reliability: $(NODE_DEPS) ## Only the reliability suite (fuzzing, faults, isolation, erasure, loopback load); `make test` runs it too
	$(check-jdk)
	$(MVN) verify -pl local/runtime -am -Dgroups=reliability -Dsurefire.failIfNoSpecifiedTests=false

build: ## Compile and package what `make run` needs, without tests
	$(check-jdk)
	@$(MVN) -q -pl local/s3proxy,local/runtime -am package -DskipTests >&2

invoke: invoke-args build $(NODE_DEPS) ## Invoke one function: make invoke FN=signup EVENT=events/signup-json.json
	$(check-jdk)
	@cd $(ROOT) && $(JAVA) $(JAVA_OPTS) -cp "$$(local/bin/classpath)" fr.eterrain.local.Invoke "$(FN)" "$(EVENT)"

invoke-args:
	@test -n "$(FN)" -a -n "$(EVENT)" || { echo "usage: make invoke FN=<function> EVENT=events/<file>.json" >&2; exit 2; }

select-weekly: build $(NODE_DEPS) ## Run the weekly national selection on the running stack (last week; PERIOD=2026-W48 for another)
	$(check-jdk)
	@cd $(ROOT) && event=events/selection-weekly.json; \
	if [ -n "$(PERIOD)" ]; then event=$$(mktemp) && printf '{"cadence":"weekly","period":"%s"}' "$(PERIOD)" > $$event; fi; \
	$(JAVA) $(JAVA_OPTS) -cp "$$(local/bin/classpath)" fr.eterrain.local.Invoke selection "$$event"

api-key: ## Print a new API key (alone on stdout) for the running local stack: make api-key FED=06 (or FED=HQ)
	$(check-jdk)
	@test -n "$(FED)" || { echo "usage: make api-key FED=<federation id, e.g. 06> (or FED=HQ)" >&2; exit 2; }
	@test -f $(RUNTIME_CP_FILE) || $(MAKE) -s -C $(ROOT) build >&2
	@cd $(ROOT) && $(JAVA) $(JAVA_OPTS) -cp "$$(local/bin/classpath)" fr.eterrain.local.ApiKeyCli "$(FED)"

invite: ## Make someone active in a federation and mail them a sign-in code: make invite FED=06 EMAIL=… [ROLE=coordinator]
	$(check-jdk)
	@test -n "$(FED)" -a -n "$(EMAIL)" || { echo "usage: make invite FED=<federation id, e.g. 06> EMAIL=<address> [ROLE=coordinator|editor|e-militant]" >&2; exit 2; }
	@test -f $(RUNTIME_CP_FILE) || $(MAKE) -s -C $(ROOT) build >&2
	@cd $(ROOT) && $(JAVA) $(JAVA_OPTS) -cp "$$(local/bin/classpath)" fr.eterrain.local.PeopleCli "$(FED)" "$(EMAIL)" "$(ROLE)"

hq-admin: ## Make someone an HQ admin and mail them a sign-in code (local SES inbox): make hq-admin EMAIL=…
	$(check-jdk)
	@test -n "$(EMAIL)" || { echo "usage: make hq-admin EMAIL=<address>" >&2; exit 2; }
	@test -f $(RUNTIME_CP_FILE) || $(MAKE) -s -C $(ROOT) build >&2
	@cd $(ROOT) && $(JAVA) $(JAVA_OPTS) -cp "$$(local/bin/classpath)" fr.eterrain.local.PeopleCli HQ "$(EMAIL)" hq-admin

clean: ## Remove build outputs (target/ of every module)
	$(check-jdk)
	$(MVN) -q clean

clean-local: ## Forget the local data (tables, objects) kept by `make run` in .local/
	rm -rf $(ROOT)/.local

synth: $(CONSOLE_VENDOR) ## Write the CloudFormation templates (infra/)
	@if [ -f $(ROOT)/infra/Makefile ]; then $(MAKE) -C $(ROOT)/infra synth; else echo "synth: not yet (no infra/Makefile)"; fi

diff: $(CONSOLE_VENDOR) ## Compare the deployed stacks with the templates (AWS credentials needed; infra/)
	@if [ -f $(ROOT)/infra/Makefile ]; then $(MAKE) -C $(ROOT)/infra diff; else echo "diff: not yet (no infra/Makefile)"; fi

deploy: $(CONSOLE_VENDOR) ## Deploy the stacks (AWS credentials needed; infra/)
	@if [ -f $(ROOT)/infra/Makefile ]; then $(MAKE) -C $(ROOT)/infra deploy; else echo "deploy: not yet (no infra/Makefile)"; fi

bench: $(NODE_DEPS) ## Speed and cost figures, each beside its reference → bench/report.md (ONLY=dispatch,… RECIPIENTS=…)
	$(check-jdk)
	@$(MVN) -q -pl bench -am package -DskipTests >&2
	@cd $(ROOT) && $(JAVA) $(JAVA_OPTS) -Xmx6g -cp "bench/target/classes:$$(cat bench/target/classpath.txt)" \
		fr.eterrain.bench.Bench

# The SES emulator, pinned in local/package-lock.json (npm here records no registry URLs in it: keep it so).
$(NODE_DEPS): $(ROOT)/local/package.json $(wildcard $(ROOT)/local/package-lock.json)
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20+ (with npm)" >&2; exit 1; }
	@if [ -f $(ROOT)/local/package-lock.json ]; then \
		npm ci --prefix $(ROOT)/local --no-audit --no-fund --loglevel=error >&2; \
	else \
		npm install --prefix $(ROOT)/local --no-audit --no-fund --loglevel=error >&2; \
	fi
	@touch $@

.PHONY: openapi lint-openapi docs-site
openapi: ## Regenerate schemas/openapi.json from the wiring table, schemas/ and events/ (commit it: the build fails when it is stale)
	$(check-jdk)
	@$(MVN) -q -pl functions/core test-compile dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile=target/test-classpath.txt >&2
	@cd $(ROOT)/functions/core && $(JAVA) -cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" \
		fr.eterrain.core.openapi.OpenApiGenerator $(ROOT)

lint-openapi: $(DOCS_DEPS) ## Lint schemas/openapi.json with Redocly's strict rules (redocly.yaml); `make test` runs it
	@$(REDOCLY) lint $(ROOT)/schemas/openapi.json --config $(ROOT)/redocly.yaml

docs-site: $(DOCS_VENDOR) ## The API reference page as static files in target/docs-site, to serve at /docs/ (infra/README.md)
	@rm -rf $(ROOT)/target/docs-site && mkdir -p $(ROOT)/target/docs-site/vendor
	@cp $(ROOT)/web/docs/index.html $(ROOT)/web/docs/docs.js $(ROOT)/web/docs/docs.css $(ROOT)/target/docs-site/
	@cp $(ROOT)/web/docs/vendor/* $(ROOT)/target/docs-site/vendor/
	@echo "target/docs-site: upload under docs/ beside the console; the page reads /v1/openapi.json on the same origin"

# Pinned in web/docs/package-lock.json (no registry URLs in it, like local/'s). No install scripts: neither package
# needs one, and swagger-ui-dist's only one is a download counter.
$(DOCS_DEPS): $(ROOT)/web/docs/package.json $(ROOT)/web/docs/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20+ (with npm)" >&2; exit 1; }
	@npm ci --prefix $(ROOT)/web/docs --ignore-scripts --no-audit --no-fund --loglevel=error >&2
	@touch $@

console: $(CONSOLE_VENDOR) ## Copy the console's view library (htm/preact/standalone) into web/console/vendor/

$(CONSOLE_DEPS): $(ROOT)/web/console/package.json $(ROOT)/web/console/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20+ (with npm)" >&2; exit 1; }
	@npm ci --prefix $(ROOT)/web/console --ignore-scripts --no-audit --no-fund --loglevel=error >&2
	@touch $@

$(CONSOLE_VENDOR): $(CONSOLE_DEPS)
	@mkdir -p $(ROOT)/web/console/vendor
	@cp $(ROOT)/web/console/node_modules/htm/preact/standalone.module.js $@
	@cp $(ROOT)/web/console/node_modules/htm/LICENSE $(ROOT)/web/console/vendor/LICENSE-htm 2>/dev/null || true

# The browser tests drive Debian's Chromium with its chromedriver. Installed here when missing and we are root
# with apt-get; in CI (CI=true) a browser still missing is a failure, never a silent skip.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing chromium and chromium-driver (browser tests)" >&2; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >&2 || exit 1; \
		elif [ "$(CI)" = true ]; then \
			echo "CI: chromium and chromium-driver are missing and cannot be installed: the browser tests cannot run" >&2; exit 1; \
		else \
			echo "chromium/chromium-driver missing: the browser tests will fail; apt-get install chromium chromium-driver" >&2; \
		fi; \
	fi

$(DOCS_VENDOR): $(DOCS_DEPS)
	@mkdir -p $(ROOT)/web/docs/vendor
	@cd $(ROOT)/web/docs/node_modules/swagger-ui-dist && cp swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE $(ROOT)/web/docs/vendor/
	@touch $@
