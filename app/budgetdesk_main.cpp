// budgetdesk: the window (see ui/Application.cpp for what happens before the event loop).
#include "Application.h"

int main(int argc, char *argv[])
{
    return budgetdesk::ui::runApplication(argc, argv);
}
