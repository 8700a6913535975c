#pragma once

namespace budgetdesk {

// Windows consoles. Elsewhere both do nothing: terminals there take UTF-8 as it is.
//
// The command-line programs write UTF-8 (their Chinese text, JSON) and the console must read
// it as such rather than in the system's code page (GBK on a Chinese Windows).
void useUtf8Console();

// The window is a GUI-subsystem program, which has no console: `budgetdesk --help` or
// `--version` typed in a console then prints there (and Qt's parser skips its message box),
// unless the output is already redirected to a file or a pipe.
void attachToParentConsole();

} // namespace budgetdesk
