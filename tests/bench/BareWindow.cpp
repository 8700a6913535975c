// The baseline for bench_startup: the least a Qt Widgets application does to show a window
// someone can type into — a main window with a menu, a line edit and a button — then quits
// after its first paint and prints its peak memory, exactly as `budgetdesk --benchmark-startup`.
#include "common/ProcessMemory.h"

#include <QApplication>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QMainWindow window;
    window.menuBar()->addMenu(QStringLiteral("&File"))->addAction(QStringLiteral("&Quit"), &window, &QWidget::close);
    auto *central = new QWidget(&window);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(new QLineEdit(central));
    layout->addWidget(new QPushButton(QStringLiteral("OK"), central));
    window.setCentralWidget(central);
    window.resize(1100, 760);
    window.show();
    QTimer::singleShot(0, &application, [] {
        std::printf("first_paint\n");
        budgetdesk::printProcessMemory();
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    return QApplication::exec();
}
