#include "Application.h"

#include "BudgetPage.h"
#include "DemoEnvironment.h"
#include "MainWindow.h"
#include "UiLanguage.h"
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

// --benchmark-startup: quit as soon as the window has been shown and can take input (in
// demo mode: once the profile's keys are ready), reporting peak memory.
void quitWhenInteractive(MainWindow &window)
{
    auto report = [] {
        printProcessMemory();
        std::fflush(stdout);
        QCoreApplication::quit();
    };
    // A zero timer fires once the queued show/expose/paint events have been handled.
    auto afterFirstPaint = [report] { QTimer::singleShot(0, qApp, report); };
    if (window.session() && !window.budgetPage()->hasSession())
        QObject::connect(&window, &MainWindow::profileReady, qApp, afterFirstPaint, Qt::SingleShotConnection);
    else
        afterFirstPaint();
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
        QCoreApplication application(argc, argv);
        nameApplication();
        CommandLine commandLine;
        commandLine.parser.process(application); // prints, then exits
        return 0;
    }

    QApplication application(argc, argv);
    nameApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("BudgetDesk"));
    QIcon icon;
    for (const int size : {16, 32, 64, 256})
        icon.addFile(QStringLiteral(":/icons/budgetdesk-%1.png").arg(size));
    QApplication::setWindowIcon(icon);

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
        context.demo = DemoEnvironment::start();
        if (!context.demo) {
            QMessageBox::critical(
                nullptr, QStringLiteral("BudgetDesk"),
                QStringLiteral("演示模式无法启动：无法在本机回环地址上启动模拟器。\n"
                               "Demo mode cannot start: the simulator could not listen on loopback."));
            return 1;
        }
        // Demo mode keeps everything in its throw-away folder, secrets in memory.
        context.data = context.demo->data();
        context.secrets = std::make_unique<MemorySecretStore>();
    } else {
        if (!context.data.ensureExists()) {
            QMessageBox::critical(
                nullptr, QStringLiteral("BudgetDesk"),
                QStringLiteral("无法创建数据目录 %1。\nCannot create the data folder %1.").arg(context.data.root()));
            return 1;
        }
        context.secrets = std::make_unique<SessionFallbackSecretStore>(createOsSecretStore());
    }

    MainWindow window(std::move(context));
    window.show();
    if (parser.isSet(benchmark))
        quitWhenInteractive(window);
    else
        window.offerFirstRunWizard();
    return QApplication::exec();
}

} // namespace budgetdesk::ui
