#include "Application.h"

#include "BudgetPage.h"
#include "DemoEnvironment.h"
#include "MainWindow.h"
#include "UiLanguage.h"
#include "common/Console.h"
#include "common/ProcessMemory.h"

#include "BudgetDeskVersion.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace budgetdesk::ui {

namespace {

// The saved choice from the menu, else the --language option, else the system's language.
Language startLanguage(const QString &option, const DataDirectory &data)
{
    QString code = option;
    if (code.isEmpty())
        code = QSettings(data.settingsFile(), QSettings::IniFormat).value(QStringLiteral("ui/language")).toString();
    if (code.startsWith(QStringLiteral("zh")))
        return Language::Chinese;
    if (code.startsWith(QStringLiteral("en")))
        return Language::English;
    return UiLanguage::systemDefault();
}

// --benchmark-startup: says `first_paint` once the window has painted, then quits as soon as
// it can take input (with a profile or in demo mode: once the profile's keys are ready),
// reporting peak memory.
void quitWhenInteractive(MainWindow &window)
{
    QObject::connect(
        &window, &MainWindow::firstPainted, qApp,
        [] {
            std::printf("first_paint\n");
            std::fflush(stdout);
        },
        Qt::SingleShotConnection);
    auto report = [] {
        printProcessMemory();
        std::fflush(stdout);
        QCoreApplication::quit();
    };
    auto soon = [report] { QTimer::singleShot(0, qApp, report); };
    const bool opensAProfile = window.isDemo() || (window.session() && !window.budgetPage()->hasSession());
    QObject::connect(&window, opensAProfile ? &MainWindow::profileReady : &MainWindow::firstPainted, qApp, soon,
                     Qt::SingleShotConnection);
}

// The command line, for QCoreApplication (--help, --version) or QApplication (everything else).
struct CommandLine
{
    QCommandLineParser parser;
    const QCommandLineOption demo{
        QStringLiteral("demo"),
        QStringLiteral("Demo mode: a local simulator plays WeChat Pay; nothing real is touched.")};
    const QCommandLineOption dataDir{QStringLiteral("data-dir"),
                                     QStringLiteral("Keep profiles, the audit log and caches in DIR."),
                                     QStringLiteral("DIR")};
    const QCommandLineOption language{QStringLiteral("language"),
                                      QStringLiteral("zh_CN or en (default: the system's)."), QStringLiteral("LANG")};
    const QCommandLineOption benchmark{QStringLiteral("benchmark-startup"),
                                       QStringLiteral("Quit once the window is interactive and print peak memory.")};

    CommandLine()
    {
        parser.setApplicationDescription(
            QStringLiteral("商家券预算助手 — change the budget of a WeChat Pay merchant-coupon batch."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({demo, dataDir, language, benchmark});
    }
};

void nameApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BudgetDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("BudgetDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BUDGETDESK_VERSION));
}

// --help and --version answer without a display: on a server, in a package check.
bool onlyAsksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "-?" || argument == "--version" || argument == "-v")
            return true;
    }
    return false;
}

} // namespace

int runApplication(int argc, char *argv[])
{
    if (onlyAsksForHelpOrVersion(argc, argv)) {
        attachToParentConsole(); // Windows: into the console it was typed in, not a message box
        QCoreApplication application(argc, argv);
        nameApplication();
        CommandLine commandLine;
        commandLine.parser.process(application); // prints, then exits
        return 0;
    }

    QApplication application(argc, argv);
    nameApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("BudgetDesk"));
    CommandLine commandLine;
    QCommandLineParser &parser = commandLine.parser;
    parser.process(application);
    const QCommandLineOption &demo = commandLine.demo;
    const QCommandLineOption &dataDir = commandLine.dataDir;
    const QCommandLineOption &language = commandLine.language;
    const QCommandLineOption &benchmark = commandLine.benchmark;

    WindowContext context{DataDirectory(parser.value(dataDir)), nullptr, nullptr, std::nullopt};
    UiLanguage::instance().apply(startLanguage(parser.value(language), context.data));

    if (parser.isSet(demo)) {
        context.demo = DemoEnvironment::create(); // the simulator starts after the first paint
        if (!context.demo) {
            QMessageBox::critical(nullptr, QStringLiteral("BudgetDesk"),
                                  QStringLiteral("演示模式无法启动：无法创建临时文件夹。\n"
                                                 "Demo mode cannot start: no temporary folder could be created."));
            return 1;
        }
        context.demo->setIssuing(true); // batches run down while one watches
        // Demo mode keeps everything in its throw-away folder, secrets in memory.
        context.data = context.demo->data();
        context.secrets = std::make_unique<MemorySecretStore>();
    } else {
        if (!context.data.ensureExists()) {
            const BilingualText problem = context.data.problem();
            QMessageBox::critical(nullptr, QStringLiteral("BudgetDesk"), problem.zh + u'\n' + problem.en);
            return 1;
        }
        context.secrets = std::make_unique<SessionFallbackSecretStore>(createOsSecretStore());
    }

    MainWindow window(std::move(context));
    // Connected first, so that `first_paint` is said before any of the work that waits for it.
    if (parser.isSet(benchmark))
        quitWhenInteractive(window);
    // Decoding the icons (4 PNGs, 5 ms) waits for the first paint, like everything not needed for it.
    QObject::connect(&window, &MainWindow::firstPainted, qApp, [] {
        QIcon icon;
        for (const int size : {16, 32, 64, 256})
            icon.addFile(QStringLiteral(":/icons/budgetdesk-%1.png").arg(size));
        QApplication::setWindowIcon(icon);
    });
    window.show();
    if (!parser.isSet(benchmark))
        window.offerFirstRunWizard();
    return QApplication::exec();
}

} // namespace budgetdesk::ui
