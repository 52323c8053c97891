// The add-on's entry points as Apps Script needs them: top-level function declarations (a menu
// item or google.script.run names a top-level function; a dot is impossible there). Each one
// delegates to the KamSheets library (apps-script/src/server.ts). A classic script, appended to
// Code.js after the library by the build; hand-written, unlike globals.js.

/** Builds the KAM menu (AuthMode.NONE: the menu only). */
function onOpen(e) {
  KamSheets.onOpen(e);
}

/** Runs once when the add-on is installed: the same menu. */
function onInstall(e) {
  KamSheets.onInstall(e);
}

// Menu items

function kamBuildTop20() {
  return KamSheets.kamBuildTop20();
}

function kamPrepareNegotiation() {
  KamSheets.kamPrepareNegotiation();
}

function kamPortfolioRisk() {
  KamSheets.kamPortfolioRisk();
}

function kamSignalsLog() {
  return KamSheets.kamSignalsLog();
}

function kamOpenSidebar() {
  KamSheets.kamOpenSidebar();
}

// Sidebar handlers (google.script.run). All synchronous: the async jobs (kamFindSources, kamBuild,
// kamListAccounts, kamBuildNegotiation, kamBuildRisk, kamBuildTrends, kamCreateTemplates,
// kamOpenSignals, kamLogSignal) return a ticket at once, kamResult(ticket) the settled outcome
// (see server.ts).

function kamFindSources() {
  return KamSheets.kamFindSources();
}

function kamLoadChoice() {
  return KamSheets.kamLoadChoice();
}

function kamSaveChoice(choice) {
  KamSheets.kamSaveChoice(choice);
}

function kamBuild(choice) {
  return KamSheets.kamBuild(choice);
}

function kamListAccounts(choice) {
  return KamSheets.kamListAccounts(choice);
}

function kamBuildNegotiation(choice, account, shareable) {
  return KamSheets.kamBuildNegotiation(choice, account, shareable);
}

function kamBuildRisk(choice) {
  return KamSheets.kamBuildRisk(choice);
}

function kamBuildTrends(choice, grain) {
  return KamSheets.kamBuildTrends(choice, grain);
}

function kamCreateTemplates() {
  return KamSheets.kamCreateTemplates();
}

function kamOpenSignals() {
  return KamSheets.kamOpenSignals();
}

function kamLogSignal(input) {
  return KamSheets.kamLogSignal(input);
}

/** The outcome of a ticketed job (kamFindSources, kamBuild, …) by ticket, or null while the job runs. */
function kamResult(ticket) {
  return KamSheets.kamResult(ticket);
}

function kamShowSheet(name) {
  KamSheets.kamShowSheet(name);
}
