// The baseline for bench_startup: the least a Qt Widgets application does to show a window
// someone can type into — a main window with a menu, a line edit and a button — then quits
// after its first paint and prints its peak memory, exactly as `budgetdesk --benchmark-startup`:
// `first_paint` follows the central widget's first paint event, as in MainWindow. (A zero timer
// started after show() fired about 2 ms before that paint, which made the baseline look faster.)
// `--language zh_CN` labels it in Chinese, as BudgetDesk is for most of its users: the first
// Chinese glyph loads a CJK font, which costs the same few milliseconds in either program.
#include "common/ProcessMemory.h"

#include <QApplication>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <cstdio>

namespace {

struct FirstPaint : QObject
{
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, qApp, [] {
                std::printf("first_paint\n");
                budgetdesk::printProcessMemory();
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return false;
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    const bool chinese = QCoreApplication::arguments().contains(QStringLiteral("zh_CN"));
    QMainWindow window;
    window.menuBar()
        ->addMenu(chinese ? QStringLiteral("文件(&F)") : QStringLiteral("&File"))
        ->addAction(chinese ? QStringLiteral("退出(&Q)") : QStringLiteral("&Quit"), &window, &QWidget::close);
    auto *central = new QWidget(&window);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(new QLineEdit(central));
    layout->addWidget(new QPushButton(chinese ? QStringLiteral("确定") : QStringLiteral("OK"), central));
    window.setCentralWidget(central);
    window.resize(1100, 760);
    FirstPaint firstPaint;
    central->installEventFilter(&firstPaint);
    window.show();
    return QApplication::exec();
}
