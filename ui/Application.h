#pragma once

namespace budgetdesk::ui {

// Everything `budgetdesk` does between main() and the event loop: command line, language,
// data folder, secret store, demo mode, the window. Returns the process exit code.
int runApplication(int argc, char *argv[]);

} // namespace budgetdesk::ui
