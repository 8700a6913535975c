// Demo mode's throw-away folder: deleted when the demo ends, and — after a crash, when no
// destructor ran — by the next demo, never while its own demo still runs.

#include "DemoEnvironment.h"

#include "simulator/SimulatorServer.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>

using namespace budgetdesk;
using budgetdesk::ui::DemoEnvironment;

class TestDemoEnvironment : public QObject
{
    Q_OBJECT

private:
    // A folder as a crashed demo leaves it: data inside and a lock naming a process that is gone.
    static QString crashedDemoFolder()
    {
        const QString path
            = QDir::temp().filePath(QString::fromLatin1(DemoEnvironment::FolderPrefix)
                                    + QStringLiteral("crashed%1").arg(QCoreApplication::applicationPid()));
        QDir(path).mkpath(QStringLiteral("data"));
        QFile audit(path + QStringLiteral("/data/audit.sqlite"));
        if (!audit.open(QIODevice::WriteOnly))
            return {};
        audit.write("x");
        audit.close();
        {
            QLockFile lock(path + QStringLiteral("/demo.lock"));
            if (!lock.tryLock(0))
                return {};
            QFile file(path + QStringLiteral("/demo.lock"));
            if (!file.open(QIODevice::ReadOnly))
                return {};
            QList<QByteArray> lines = file.readAll().split('\n');
            file.close();
            lock.unlock();
            lines[0] = "2147483600"; // no such process
            QFile rewritten(path + QStringLiteral("/demo.lock"));
            if (!rewritten.open(QIODevice::WriteOnly))
                return {};
            rewritten.write(lines.join('\n'));
        }
        return path;
    }

    QTemporaryDir m_temp; // a temp folder of the test's own: leftovers elsewhere do not count

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_temp.isValid());
        for (const char *variable : {"TMPDIR", "TMP", "TEMP"})
            qputenv(variable, QFile::encodeName(m_temp.path()));
        QCOMPARE(QDir(QDir::tempPath()).canonicalPath(), QDir(m_temp.path()).canonicalPath());
    }

    void folderGoesWithTheDemo()
    {
        QString folder;
        {
            auto demo = DemoEnvironment::create();
            QVERIFY(demo);
            folder = demo->folder();
            QVERIFY(QFileInfo(folder).fileName().startsWith(QLatin1String(DemoEnvironment::FolderPrefix)));
            QVERIFY(QFileInfo::exists(folder + QStringLiteral("/data")));
            QVERIFY(!demo->isRunning()); // the simulator waits until the window has painted
            QVERIFY(demo->startSimulator());
            QVERIFY(demo->isRunning());
            QVERIFY(demo->profile().primaryBaseUrl.isValid());
            QVERIFY(!demo->batchLabels().isEmpty());
        }
        QVERIFY(!QFileInfo::exists(folder));
    }

    void crashedDemoFoldersAreRemovedByTheNextDemo()
    {
        const QString crashed = crashedDemoFolder();
        QVERIFY(!crashed.isEmpty());
        auto demo = DemoEnvironment::create();
        QVERIFY(demo);
        QVERIFY(QFileInfo::exists(crashed)); // not before the window has painted
        QVERIFY(demo->startSimulator());
        QVERIFY2(!QFileInfo::exists(crashed), qPrintable(crashed));
        QVERIFY(QFileInfo::exists(demo->folder()));
    }

    // Another demo running now keeps its folder, however long it has been running.
    void aRunningDemoKeepsItsFolder()
    {
        auto running = DemoEnvironment::create();
        QVERIFY(running);
        QFile lock(running->folder() + QStringLiteral("/demo.lock"));
        QVERIFY(lock.open(QIODevice::ReadWrite));
        QVERIFY(lock.setFileTime(QDateTime::currentDateTime().addDays(-1), QFileDevice::FileModificationTime));
        lock.close();
        QCOMPARE(DemoEnvironment::removeAbandonedFolders(), 0);
        QVERIFY(QFileInfo::exists(running->folder() + QStringLiteral("/data")));
        auto second = DemoEnvironment::create();
        QVERIFY(second);
        QVERIFY(QFileInfo::exists(running->folder() + QStringLiteral("/data")));
    }

    // Faults chosen before the simulator runs are not lost.
    void faultsWaitForTheSimulator()
    {
        auto demo = DemoEnvironment::create();
        QVERIFY(demo);
        demo->setFaults(*sim::FaultPlan::parse({QStringLiteral("busy")}));
        QVERIFY(demo->startSimulator());
        QVERIFY(demo->server().simulator().faults().faults().busy);
    }
};

QTEST_MAIN(TestDemoEnvironment)
#include "TestDemoEnvironment.moc"
