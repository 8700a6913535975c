// The window outside demo mode and the `budgetdesk` executable: what it remembers between
// runs, where it keeps its data, and its command line.
#include "ChildProcess.h"
#include "TestData.h"

#include "DemoEnvironment.h"
#include "MainWindow.h"
#include "UiLanguage.h"
#include "profile/ProfileSession.h"
#include "profile/ProfileStore.h"
#include "simulator/DemoMerchant.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using budgetdesk::sim::DemoMerchant;

namespace {

MerchantProfile demoProfile(const QString &name, const QString &keys)
{
    const DemoMerchant &demo = DemoMerchant::instance();
    MerchantProfile profile;
    profile.name = name;
    profile.mchid = demo.mchid;
    profile.privateKeyFile = QDir(keys).filePath(DemoMerchant::MerchantKeyFile);
    profile.merchantCertificateFile = QDir(keys).filePath(DemoMerchant::MerchantCertificateFile);
    profile.publicKeyId = demo.publicKeyId;
    profile.publicKeyFile = QDir(keys).filePath(DemoMerchant::WechatPayPublicKeyFile);
    profile.primaryBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:9")); // never contacted here
    return profile;
}

std::unique_ptr<ui::MainWindow> openWindow(const QString &dataDir)
{
    return std::make_unique<ui::MainWindow>(
        ui::WindowContext{DataDirectory(dataDir), std::make_unique<MemorySecretStore>(), nullptr, std::nullopt});
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The window's platform is offscreen unless `display` is false: then a desktop platform with no
// display to connect to, as on a server or in a package check.
// Every file below `folder` with its size and modification time; empty when it does not exist.
QStringList folderState(const QString &folder)
{
    QStringList state;
    QDirIterator files(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QFileInfo file(files.next());
        state.append(QStringLiteral("%1 %2 %3")
                         .arg(file.filePath())
                         .arg(file.size())
                         .arg(file.lastModified().toMSecsSinceEpoch()));
    }
    state.sort();
    return state;
}

Run runApp(const QStringList &arguments, bool display = true)
{
    QProcess process;
    QProcessEnvironment environment
        = test::childProcessEnvironment(QProcessEnvironment::systemEnvironment(), test::LeakCheck::Off);
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"),
                       display ? QStringLiteral("offscreen") : QStringLiteral("xcb"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(BUDGETDESK_APP_PATH), arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestBudgetdeskApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { ui::UiLanguage::instance().apply(Language::English); }

    void remembersGeometryAndTheLastProfile()
    {
        QTemporaryDir folder;
        const QString keys = folder.filePath(QStringLiteral("keys"));
        QVERIFY(DemoMerchant::instance().writeClientFiles(keys));
        const QString data = folder.filePath(QStringLiteral("data"));
        QVERIFY(DataDirectory(data).ensureExists());
        {
            ProfileStore profiles(DataDirectory(data).settingsFile());
            profiles.save(demoProfile(QStringLiteral("门店A"), keys));
            profiles.save(demoProfile(QStringLiteral("门店B"), keys));
        }

        QRect geometry;
        {
            auto window = openWindow(data);
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
            QTRY_VERIFY(window->session()); // opened once the window has painted
            QCOMPARE(window->session()->profile().name, QStringLiteral("门店A")); // the first, on first run
            QVERIFY(window->openProfile(QStringLiteral("门店B")));
            QCOMPARE(window->windowTitle(), QStringLiteral("BudgetDesk — 门店B"));
            window->setGeometry(40, 50, 700, 500); // within the offscreen screen (800×600): Qt 6.8
                                                   // moves a restored window back onto it
            geometry = window->geometry();
            QVERIFY(window->close());
        }
        auto window = openWindow(data);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTRY_VERIFY(window->session());
        QCOMPARE(window->session()->profile().name, QStringLiteral("门店B"));
        QCOMPARE(window->findChild<QComboBox *>(QStringLiteral("profileSelector"))->currentText(),
                 QStringLiteral("门店B"));
        QCOMPARE(window->geometry().size(), geometry.size());
        QVERIFY(!window->isDemo());
        QVERIFY(!window->findChild<QWidget *>(QStringLiteral("demoBanner"))->isVisible());

        // No secret reached the settings file.
        QFile settings(DataDirectory(data).settingsFile());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(!settings.readAll().contains("PRIVATE KEY"));
    }

    void versionAndHelpNeedNoDisplay()
    {
        const Run version = runApp({QStringLiteral("--version")}, false);
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out.trimmed(), QByteArray("BudgetDesk " BUDGETDESK_TEST_VERSION));
        const Run help = runApp({QStringLiteral("--help")}, false);
        QCOMPARE(help.exitCode, 0);
        for (const char *option : {"--demo", "--data-dir", "--language"})
            QVERIFY2(help.out.contains(option), option);
    }

    void dataDirIsHonoured()
    {
        QTemporaryDir folder;
        const QString data = folder.filePath(QStringLiteral("portable"));
        const Run run = runApp({QStringLiteral("--benchmark-startup"), QStringLiteral("--data-dir"), data});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("peak_rss_kb="));
        QVERIFY(QFile::exists(DataDirectory(data).auditDatabase()));
    }

    void demoModeStartsAndLeavesNothingBehind()
    {
        QTemporaryDir home;
        const QString realData = home.filePath(QStringLiteral("data"));
        QProcess process;
        QProcessEnvironment environment
            = test::childProcessEnvironment(QProcessEnvironment::systemEnvironment(), test::LeakCheck::Off);
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), realData);
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        process.setProcessEnvironment(environment);
        // Where the program would keep its data: the folder above where XDG_DATA_HOME works
        // (Linux), the user's real one elsewhere — it must be the same after the demo as before.
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
        const QString watched = realData + QStringLiteral("/BudgetDesk");
#else
        QStandardPaths::setTestModeEnabled(false);
        const QString watched = DataDirectory().root();
        QStandardPaths::setTestModeEnabled(true);
#endif
        const QStringList before = folderState(watched);
        process.start(QStringLiteral(BUDGETDESK_APP_PATH),
                      {QStringLiteral("--demo"), QStringLiteral("--benchmark-startup")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        // Ready means the demo profile's keys loaded and the simulator listening.
        QVERIFY(process.readAllStandardOutput().contains("peak_rss_kb="));
        QCOMPARE(folderState(watched), before);
    }
};

QTEST_MAIN(TestBudgetdeskApp)
#include "TestBudgetdeskApp.moc"
