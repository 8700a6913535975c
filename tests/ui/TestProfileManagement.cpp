// The Profile menu on the real window (offscreen, not demo mode): edit, rename, duplicate,
// delete, the default profile, 新建配置 over an existing name, saving after a failed
// connection test, and secrets the store cannot give asked for once per run.
#include "SimulatorFixture.h"
#include "TestKeyFactory.h"

#include "BudgetPage.h"
#include "DemoEnvironment.h"
#include "Dialogs.h"
#include "MainWindow.h"
#include "ProfileWizard.h"
#include "UiLanguage.h"
#include "audit/AuditLog.h"
#include "crypto/KeyLoader.h"
#include "profile/ProfileSession.h"
#include "profile/ProfileStore.h"
#include "simulator/DemoMerchant.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

#include <functional>

using namespace budgetdesk;
using namespace budgetdesk::test;
using budgetdesk::sim::DemoMerchant;

namespace {

const QByteArray Passphrase = QStringLiteral("门店密码-2026").toUtf8();
const QByteArray ApiV3Key = "BudgetDeskDemoApiV3Key0000000001";
// Nothing listens here: profiles open (public-key mode needs no network to open) and
// connection tests fail at once.
const QUrl Unreachable(QStringLiteral("http://127.0.0.1:9"));

// A non-demo window on its own data folder, with the demo merchant's files and a memory
// secret store the test can look into.
class ProfilesWindow
{
public:
    using Setup = std::function<void(ProfilesWindow &)>;

    explicit ProfilesWindow(const Setup &setup = {})
        : data(folder.filePath(QStringLiteral("data")))
    {
        QVERIFY(folder.isValid());
        QVERIFY(data.ensureExists());
        QVERIFY(DemoMerchant::instance().writeClientFiles(folder.path()));
        auto key = KeyLoader::merchantKey(DemoMerchant::instance().merchantPrivateKeyPem);
        QVERIFY(key);
        QFile encrypted(file(QStringLiteral("encrypted_key.pem")));
        QVERIFY(encrypted.open(QIODevice::WriteOnly));
        encrypted.write(TestKeyFactory::encryptedPkcs8Pem(key->key, Passphrase));
        encrypted.close();
        auto store = std::make_unique<MemorySecretStore>();
        secrets = store.get();
        m_store = std::make_unique<ProfileStore>(data.settingsFile());
        if (setup)
            setup(*this);
        ui::WindowContext context{data, std::move(store), nullptr, std::nullopt};
        m_window = std::make_unique<ui::MainWindow>(std::move(context));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY(m_window->hasStarted()); // the log and the start profile open after the first paint
    }

    QString file(const QString &name) const { return QDir(folder.path()).filePath(name); }

    MerchantProfile profile(const QString &name, const QString &keyFile = DemoMerchant::MerchantKeyFile) const
    {
        MerchantProfile profile;
        profile.name = name;
        profile.mchid = DemoMerchant::instance().mchid;
        profile.privateKeyFile = file(keyFile);
        profile.merchantCertificateFile = file(DemoMerchant::MerchantCertificateFile);
        profile.merchantSerial = DemoMerchant::instance().merchantSerial;
        profile.verificationMode = VerificationMode::PublicKey;
        profile.publicKeyId = DemoMerchant::instance().publicKeyId;
        profile.publicKeyFile = file(DemoMerchant::WechatPayPublicKeyFile);
        profile.primaryBaseUrl = Unreachable;
        return profile;
    }
    void add(const MerchantProfile &profile) { QVERIFY(!m_store->save(profile)); }

    ProfileStore &store() { return *m_store; }
    ui::MainWindow &window() { return *m_window; }
    QString openName() const { return m_window->session() ? m_window->session()->profile().name : QString(); }
    QString status() const { return m_window->statusBar()->currentMessage(); }
    void trigger(const char *action)
    {
        auto *found = m_window->findChild<QAction *>(QString::fromLatin1(action));
        QVERIFY2(found, action);
        QVERIFY2(found->isEnabled(), action);
        found->trigger();
    }
    QByteArray stored(const QString &key)
    {
        QByteArray value;
        return secrets->readNow(key, value) == SecretStore::Status::Found ? value : QByteArray("<none>");
    }

    QTemporaryDir folder;
    DataDirectory data;
    MemorySecretStore *secrets = nullptr;

private:
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ui::MainWindow> m_window;
};

// Runs `drive` on the wizard the window is about to open modally; the wizard is cancelled
// afterwards if `drive` left it open. `driven` says whether it ran at all.
void whenWizardOpens(const std::function<void(ui::ProfileWizard &)> &drive, bool *driven)
{
    *driven = false;
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, drive, driven] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            auto *wizard = qobject_cast<ui::ProfileWizard *>(widget);
            if (!wizard || !wizard->isVisible())
                continue;
            timer->stop();
            timer->deleteLater();
            *driven = true;
            drive(*wizard);
            if (wizard->isVisible())
                wizard->reject();
            return;
        }
    });
    timer->start();
}

void type(ui::ProfileWizard &wizard, const char *field, const QString &text)
{
    auto *edit = wizard.findChild<QLineEdit *>(QString::fromLatin1(field));
    QVERIFY2(edit, field);
    edit->setText(text);
}

QString said(ui::ProfileWizard &wizard, const char *label)
{
    return wizard.findChild<QLabel *>(QString::fromLatin1(label))->text();
}

// The demo merchant through the first three pages, answers expected from `baseUrl`.
void fillWizard(ProfilesWindow &f, ui::ProfileWizard &wizard, const QString &name, const QUrl &baseUrl)
{
    type(wizard, "wizardName", name);
    type(wizard, "wizardMchid", DemoMerchant::instance().mchid);
    wizard.next();
    type(wizard, "wizardKeyFile", f.file(DemoMerchant::MerchantKeyFile));
    type(wizard, "wizardCertificateFile", f.file(DemoMerchant::MerchantCertificateFile));
    wizard.next();
    type(wizard, "wizardPublicKeyId", DemoMerchant::instance().publicKeyId);
    type(wizard, "wizardPublicKeyFile", f.file(DemoMerchant::WechatPayPublicKeyFile));
    type(wizard, "wizardBaseUrl", baseUrl.toString());
    wizard.next();
    QCOMPARE(wizard.currentId(), 3);
}

} // namespace

class TestProfileManagement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // While a change is on its way the session's client carries it: the profile is not
    // edited, renamed, deleted or replaced by a new one meanwhile — each is refused, said so.
    void profilesAreNotManagedWhileAChangeIsSent()
    {
        SimulatorFixture sim;
        ProfilesWindow f([&](ProfilesWindow &w) {
            MerchantProfile live = w.profile(QStringLiteral("门店A"));
            live.primaryBaseUrl = sim.server().baseUrl();
            w.add(live);
            w.add(w.profile(QStringLiteral("门店B")));
        });
        QTRY_VERIFY(f.window().budgetPage()->hasSession());
        QCOMPARE(f.openName(), QStringLiteral("门店A"));
        auto *stock = f.window().findChild<QLineEdit *>(QStringLiteral("stockIdEdit"));
        stock->clear();
        QTest::keyClicks(stock, QStringLiteral("1212000000000001"));
        QTest::keyClick(stock, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().budgetPage()->isBusy(), 10000);
        auto *target = f.window().findChild<QLineEdit *>(QStringLiteral("targetValue"));
        target->selectAll();
        QTest::keyClicks(target, QStringLiteral("60000"));
        sim.simulator().setFaults(*sim::FaultPlan::parse({QStringLiteral("delay=1500")}));
        ui::Dialogs::setNextConfirmation(true);
        QTest::mouseClick(f.window().findChild<QPushButton *>(QStringLiteral("sendButton")), Qt::LeftButton);
        QVERIFY(f.window().budgetPage()->isBusy());

        // A wizard that opened anyway (the refusal broken) is closed again, and counted.
        bool wizardOpened = false;
        QTimer closeWizards;
        closeWizards.setInterval(10);
        connect(&closeWizards, &QTimer::timeout, this, [&wizardOpened] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (auto *wizard = qobject_cast<ui::ProfileWizard *>(widget); wizard && wizard->isVisible()) {
                    wizardOpened = true;
                    wizard->reject();
                }
            }
        });
        closeWizards.start();
        for (const char *action :
             {"editProfileAction", "renameProfileAction", "deleteProfileAction", "newProfileAction"}) {
            f.window().statusBar()->clearMessage();
            f.trigger(action);
            QVERIFY2(f.status().contains(QStringLiteral("A change is being sent")), action);
        }
        QVERIFY(!wizardOpened);
        QCOMPARE(f.store().names(), (QStringList{QStringLiteral("门店A"), QStringLiteral("门店B")}));
        QCOMPARE(f.openName(), QStringLiteral("门店A"));
        QTRY_VERIFY_WITH_TIMEOUT(!f.window().budgetPage()->isBusy(), 15000);
        QCOMPARE(sim.simulator().stocks().stock(QStringLiteral("1212000000000001")).maxCoupons(), 60000);
    }

    void init() { ui::UiLanguage::instance().apply(Language::English); }

    void renameMovesTheProfileAndItsSecrets()
    {
        ProfilesWindow f([](ProfilesWindow &w) {
            w.add(w.profile(QStringLiteral("门店A")));
            w.add(w.profile(QStringLiteral("门店B")));
            w.secrets->writeNow(SecretStore::apiV3Key(QStringLiteral("门店A")), ApiV3Key);
            w.store().setLastUsed(QStringLiteral("门店A"));
        });
        QCOMPARE(f.openName(), QStringLiteral("门店A"));

        ui::Dialogs::setNextText(QStringLiteral("旗舰店"));
        f.trigger("renameProfileAction");
        QCOMPARE(f.store().names(), (QStringList{QStringLiteral("旗舰店"), QStringLiteral("门店B")}));
        QCOMPARE(f.store().profile(QStringLiteral("旗舰店"))->mchid, DemoMerchant::instance().mchid);
        QCOMPARE(f.openName(), QStringLiteral("旗舰店"));
        QCOMPARE(f.store().lastUsed(), QStringLiteral("旗舰店"));
        QCOMPARE(f.stored(SecretStore::apiV3Key(QStringLiteral("旗舰店"))), ApiV3Key);
        QCOMPARE(f.stored(SecretStore::apiV3Key(QStringLiteral("门店A"))), QByteArray("<none>"));

        // Onto a name in use: refused with the reason, nothing changed.
        ui::Dialogs::setNextText(QStringLiteral("门店B"));
        f.trigger("renameProfileAction");
        QVERIFY2(f.status().contains(QStringLiteral("“门店B” already exists")), qPrintable(f.status()));
        QCOMPARE(f.store().names(), (QStringList{QStringLiteral("旗舰店"), QStringLiteral("门店B")}));
        QCOMPARE(f.openName(), QStringLiteral("旗舰店"));

        // Cancelled: nothing happens.
        ui::Dialogs::setNextText(std::nullopt);
        f.trigger("renameProfileAction");
        QCOMPARE(f.store().names(), (QStringList{QStringLiteral("旗舰店"), QStringLiteral("门店B")}));
    }

    void duplicateCopiesSettingsAndSecrets()
    {
        ProfilesWindow f([](ProfilesWindow &w) {
            w.add(w.profile(QStringLiteral("门店A")));
            w.secrets->writeNow(SecretStore::apiV3Key(QStringLiteral("门店A")), ApiV3Key);
        });
        ui::Dialogs::setNextText(QStringLiteral("门店A 副本"));
        f.trigger("duplicateProfileAction");
        QCOMPARE(f.store().names(), (QStringList{QStringLiteral("门店A"), QStringLiteral("门店A 副本")}));
        MerchantProfile copy = *f.store().profile(QStringLiteral("门店A 副本"));
        copy.name = QStringLiteral("门店A");
        QCOMPARE(copy.toJson(), f.store().profile(QStringLiteral("门店A"))->toJson());
        QCOMPARE(f.stored(SecretStore::apiV3Key(QStringLiteral("门店A 副本"))), ApiV3Key);
        QCOMPARE(f.stored(SecretStore::apiV3Key(QStringLiteral("门店A"))), ApiV3Key);
        QCOMPARE(f.window().findChild<QComboBox *>(QStringLiteral("profileSelector"))->count(), 2);

        // A copy never overwrites.
        ui::Dialogs::setNextText(QStringLiteral("门店A"));
        f.trigger("duplicateProfileAction");
        QVERIFY(f.status().contains(QStringLiteral("already exists")));
        QCOMPARE(f.store().names().size(), 2);
    }

    void defaultProfileOpensAtStart()
    {
        ProfilesWindow f([](ProfilesWindow &w) {
            w.add(w.profile(QStringLiteral("门店A")));
            w.add(w.profile(QStringLiteral("门店B")));
            w.store().setLastUsed(QStringLiteral("门店A"));
        });
        QVERIFY(f.window().openProfile(QStringLiteral("门店B")));
        auto *action = f.window().findChild<QAction *>(QStringLiteral("defaultProfileAction"));
        QVERIFY(!action->isChecked());
        f.trigger("defaultProfileAction");
        QCOMPARE(f.store().defaultProfile(), QStringLiteral("门店B"));
        QVERIFY(action->isChecked());
        QVERIFY(f.window().openProfile(QStringLiteral("门店A")));
        QVERIFY(!action->isChecked());
        QCOMPARE(f.store().lastUsed(), QStringLiteral("门店A"));

        // The next start opens the default, not the last used.
        ui::WindowContext context{f.data, std::make_unique<MemorySecretStore>(), nullptr, std::nullopt};
        ui::MainWindow again(std::move(context));
        again.show();
        QTRY_VERIFY(again.hasStarted());
        QVERIFY(again.session());
        QCOMPARE(again.session()->profile().name, QStringLiteral("门店B"));

        // Unticked: back to the last used.
        QVERIFY(f.window().openProfile(QStringLiteral("门店B")));
        f.trigger("defaultProfileAction");
        QCOMPARE(f.store().defaultProfile(), QString());
    }

    void deleteAsksAndKeepsTheAuditLog()
    {
        ProfilesWindow f([](ProfilesWindow &w) {
            w.add(w.profile(QStringLiteral("门店A")));
            w.add(w.profile(QStringLiteral("门店B")));
            w.secrets->writeNow(SecretStore::apiV3Key(QStringLiteral("门店A")), ApiV3Key);
            w.store().setLastUsed(QStringLiteral("门店A"));
            w.store().setDefaultProfile(QStringLiteral("门店A"));
        });
        const QString auditLog = f.data.auditDatabase();
        QVERIFY(QFile::exists(auditLog));
        // A change 门店A made: it must outlive the profile.
        AuditChange made;
        made.profile = QStringLiteral("门店A");
        made.mchid = DemoMerchant::instance().mchid;
        made.stockId = QStringLiteral("1212000000000001");
        made.current = 50000;
        made.target = 60000;
        made.requestNumber = QStringLiteral("kept-after-delete-1");
        made.source = QStringLiteral("window");
        made.osUser = QStringLiteral("运营小王");
        qint64 madeId = 0;
        {
            auto log = AuditLog::open(auditLog);
            QVERIFY(log);
            const auto recorded = (*log)->recordPending(made);
            QVERIFY2(recorded, recorded ? "" : qPrintable(recorded.error().text().en));
            madeId = *recorded;
        }
        const qsizetype asked = ui::Dialogs::confirmationTexts().size();

        ui::Dialogs::setNextConfirmation(false);
        f.trigger("deleteProfileAction");
        QCOMPARE(ui::Dialogs::confirmationTexts().size(), asked + 1);
        const QString question = ui::Dialogs::lastConfirmationText();
        QVERIFY2(question.contains(QStringLiteral("“门店A”")) && question.contains(QStringLiteral("audit log is kept")),
                 qPrintable(question));
        QCOMPARE(f.store().names().size(), 2);

        ui::Dialogs::setNextConfirmation(true);
        f.trigger("deleteProfileAction");
        QCOMPARE(f.store().names(), QStringList{QStringLiteral("门店B")});
        QCOMPARE(f.store().defaultProfile(), QString());
        QCOMPARE(f.stored(SecretStore::apiV3Key(QStringLiteral("门店A"))), QByteArray("<none>"));
        QVERIFY(QFile::exists(auditLog));
        {
            auto log = AuditLog::open(auditLog);
            QVERIFY(log);
            const auto kept = (*log)->entry(madeId);
            QVERIFY(kept);
            QCOMPARE(kept->change.profile, QStringLiteral("门店A"));
            QCOMPARE(kept->change.requestNumber, QStringLiteral("kept-after-delete-1"));
        }
        QCOMPARE(f.openName(), QStringLiteral("门店B")); // the window goes on with what is left
        QVERIFY(f.status().contains(QStringLiteral("audit log is kept")));

        // The last one: the window is left without a profile, and says so in its menu.
        ui::Dialogs::setNextConfirmation(true);
        f.trigger("deleteProfileAction");
        QVERIFY(f.store().names().isEmpty());
        QVERIFY(!f.window().session());
        QVERIFY(!f.window().findChild<QAction *>(QStringLiteral("deleteProfileAction"))->isEnabled());
        QVERIFY(QFile::exists(auditLog));
    }

    // 编辑: the wizard comes filled in, the secrets not shown but kept unless typed over.
    void editKeepsSecretsUnlessReplaced()
    {
        ProfilesWindow f([](ProfilesWindow &w) {
            w.add(w.profile(QStringLiteral("门店A"), QStringLiteral("encrypted_key.pem")));
            w.secrets->writeNow(SecretStore::passphraseKey(QStringLiteral("门店A")), Passphrase);
        });
        QCOMPARE(f.openName(), QStringLiteral("门店A"));
        bool driven = false;
        whenWizardOpens(
            [&](ui::ProfileWizard &wizard) {
                auto *name = wizard.findChild<QLineEdit *>(QStringLiteral("wizardName"));
                QCOMPARE(name->text(), QStringLiteral("门店A"));
                QVERIFY(name->isReadOnly());
                QCOMPARE(wizard.findChild<QLineEdit *>(QStringLiteral("wizardMchid"))->text(),
                         DemoMerchant::instance().mchid);
                QVERIFY(wizard.findChild<QLineEdit *>(QStringLiteral("wizardPassphrase"))->text().isEmpty());
                wizard.next();
                wizard.next(); // the kept passphrase opens the key
                QCOMPARE(wizard.currentId(), 2);
                QCOMPARE(wizard.findChild<QLineEdit *>(QStringLiteral("wizardPublicKeyId"))->text(),
                         DemoMerchant::instance().publicKeyId);
                type(wizard, "wizardBaseUrl", QStringLiteral("http://127.0.0.1:10"));
                wizard.next();
                QCOMPARE(wizard.currentId(), 3);
                wizard.accept();
            },
            &driven);
        f.trigger("editProfileAction");
        QVERIFY(driven);
        QCOMPARE(f.store().profile(QStringLiteral("门店A"))->primaryBaseUrl,
                 QUrl(QStringLiteral("http://127.0.0.1:10")));
        QCOMPARE(f.store().names(), QStringList{QStringLiteral("门店A")});
        QCOMPARE(f.stored(SecretStore::passphraseKey(QStringLiteral("门店A"))), Passphrase);
        QCOMPARE(f.window().session()->profile().primaryBaseUrl, QUrl(QStringLiteral("http://127.0.0.1:10")));

        // Typed over, the secret is replaced.
        whenWizardOpens(
            [&](ui::ProfileWizard &wizard) {
                wizard.next();
                type(wizard, "wizardPassphrase", QStringLiteral("wrong"));
                wizard.next();
                QCOMPARE(wizard.currentId(), 1); // the typed one is used, and does not open the key
                QVERIFY(said(wizard, "wizardPassphraseError").contains(QStringLiteral("Wrong passphrase")));
            },
            &driven);
        f.trigger("editProfileAction");
        QVERIFY(driven);
        QCOMPARE(f.stored(SecretStore::passphraseKey(QStringLiteral("门店A"))), Passphrase);
    }

    void newProfileNeverOverwritesSilently()
    {
        ProfilesWindow f([](ProfilesWindow &w) { w.add(w.profile(QStringLiteral("门店A"))); });
        bool driven = false;
        whenWizardOpens(
            [&](ui::ProfileWizard &wizard) {
                type(wizard, "wizardName", QStringLiteral("门店A"));
                type(wizard, "wizardMchid", QStringLiteral("1230000109"));
                ui::Dialogs::setNextConfirmation(false);
                wizard.next();
                QCOMPARE(wizard.currentId(), 0);
                QVERIFY(said(wizard, "wizardNameError").contains(QStringLiteral("already exists")));
            },
            &driven);
        f.trigger("newProfileAction");
        QVERIFY(driven);
        QCOMPARE(f.store().profile(QStringLiteral("门店A"))->primaryBaseUrl, Unreachable);

        // Replacing, agreed to: the new settings take the name.
        whenWizardOpens(
            [&](ui::ProfileWizard &wizard) {
                ui::Dialogs::setNextConfirmation(true);
                fillWizard(f, wizard, QStringLiteral("门店A"), QUrl(QStringLiteral("http://127.0.0.1:11")));
                wizard.accept();
            },
            &driven);
        f.trigger("newProfileAction");
        QVERIFY(driven);
        QCOMPARE(f.store().profile(QStringLiteral("门店A"))->primaryBaseUrl,
                 QUrl(QStringLiteral("http://127.0.0.1:11")));
    }

    // 操作人 through the window: saved by 新建配置, shown and changed by 编辑, and a name the
    // profile file could not keep refused on page 1 without touching the stored one.
    void operatorNameIsSavedAndEdited()
    {
        ProfilesWindow f;
        bool driven = false;
        whenWizardOpens(
            [&](ui::ProfileWizard &wizard) {
                type(wizard, "wizardOperatorName", QStringLiteral(" 张三 "));
                fillWizard(f, wizard, QStringLiteral("前台"), Unreachable);
                wizard.accept();
            },
            &driven);
        f.trigger("newProfileAction");
        QVERIFY(driven);
        QCOMPARE(f.store().profile(QStringLiteral("前台"))->operatorName, QStringLiteral("张三"));
        QCOMPARE(f.openName(), QStringLiteral("前台"));
        QCOMPARE(f.window().session()->profile().operatorName, QStringLiteral("张三"));

        whenWizardOpens(
            [&](ui::ProfileWizard &wizard) {
                auto *field = wizard.findChild<QLineEdit *>(QStringLiteral("wizardOperatorName"));
                QCOMPARE(field->text(), QStringLiteral("张三"));
                type(wizard, "wizardOperatorName", QStringLiteral("李四"));
                wizard.next();
                wizard.next();
                wizard.next();
                QCOMPARE(wizard.currentId(), 3);
                wizard.accept();
            },
            &driven);
        f.trigger("editProfileAction");
        QVERIFY(driven);
        QCOMPARE(f.store().profile(QStringLiteral("前台"))->operatorName, QStringLiteral("李四"));
        QCOMPARE(f.window().session()->profile().operatorName, QStringLiteral("李四")); // the next change's

        whenWizardOpens(
            [&](ui::ProfileWizard &wizard) {
                type(wizard, "wizardOperatorName", QStringLiteral("李四\n王五"));
                wizard.next();
                QCOMPARE(wizard.currentId(), 0);
                QVERIFY(said(wizard, "wizardOperatorNameError").contains(QStringLiteral("control characters")));
            },
            &driven);
        f.trigger("editProfileAction");
        QVERIFY(driven);
        QCOMPARE(f.store().profile(QStringLiteral("前台"))->operatorName, QStringLiteral("李四"));

        // Cleared, the profile names nobody again.
        whenWizardOpens(
            [&](ui::ProfileWizard &wizard) {
                type(wizard, "wizardOperatorName", QString());
                wizard.next();
                QCOMPARE(wizard.currentId(), 1);
                wizard.accept();
            },
            &driven);
        f.trigger("editProfileAction");
        QVERIFY(driven);
        QVERIFY(f.store().profile(QStringLiteral("前台"))->operatorName.isEmpty());
    }

    void failedConnectionTestAsksBeforeSaving()
    {
        ProfilesWindow f;
        auto testAndFinish = [&](bool saveAnyway) {
            bool driven = false;
            whenWizardOpens(
                [&](ui::ProfileWizard &wizard) {
                    fillWizard(f, wizard, QStringLiteral("新店"), Unreachable);
                    QTest::mouseClick(wizard.findChild<QPushButton *>(QStringLiteral("wizardTestButton")),
                                      Qt::LeftButton);
                    auto *report = wizard.findChild<QTextBrowser *>(QStringLiteral("wizardTestReport"));
                    QTRY_VERIFY_WITH_TIMEOUT(!report->toPlainText().contains(QStringLiteral("Testing")), 30000);
                    QVERIFY(report->toPlainText().contains(QStringLiteral("✘")));
                    const qsizetype asked = ui::Dialogs::confirmationTexts().size();
                    ui::Dialogs::setNextConfirmation(saveAnyway);
                    wizard.button(QWizard::FinishButton)->click();
                    QCOMPARE(ui::Dialogs::confirmationTexts().size(), asked + 1);
                    QVERIFY(ui::Dialogs::lastConfirmationText().contains(QStringLiteral("Save the profile anyway?")));
                    QCOMPARE(wizard.isVisible(), !saveAnyway);
                    if (saveAnyway)
                        return;
                    // Back and forward again: the failure belonged to the settings then shown.
                    wizard.back();
                    wizard.next();
                    QCOMPARE(wizard.currentId(), 3);
                    QVERIFY(report->toPlainText().isEmpty());
                },
                &driven);
            f.trigger("newProfileAction");
            QVERIFY(driven);
        };
        testAndFinish(false);
        QVERIFY(f.store().names().isEmpty());
        testAndFinish(true);
        QCOMPARE(f.store().names(), QStringList{QStringLiteral("新店")});
        QCOMPARE(f.openName(), QStringLiteral("新店"));
    }

    // The store does not hold the key's passphrase: asked for when the profile is opened, kept
    // for this run (not asked again), never written to the store; cancelled, nothing opens.
    void missingPassphraseIsAskedForOncePerRun()
    {
        const int before = int(ui::Dialogs::secretLabels().size());
        ui::Dialogs::setNextSecret(QString::fromUtf8(Passphrase));
        ProfilesWindow f([](ProfilesWindow &w) {
            w.add(w.profile(QStringLiteral("门店A"), QStringLiteral("encrypted_key.pem")));
            w.add(w.profile(QStringLiteral("门店B")));
            w.store().setLastUsed(QStringLiteral("门店A"));
        });
        QCOMPARE(int(ui::Dialogs::secretLabels().size()), before + 1);
        QVERIFY(ui::Dialogs::secretLabels().constLast().contains(QStringLiteral("“门店A” is encrypted")));
        QCOMPARE(f.openName(), QStringLiteral("门店A"));
        QCOMPARE(f.stored(SecretStore::passphraseKey(QStringLiteral("门店A"))), QByteArray("<none>"));

        QVERIFY(f.window().openProfile(QStringLiteral("门店B")));
        QVERIFY(f.window().openProfile(QStringLiteral("门店A")));
        QCOMPARE(int(ui::Dialogs::secretLabels().size()), before + 1); // kept for this run
    }

    void cancelledPassphraseLeavesTheProfileClosed()
    {
        ProfilesWindow f([](ProfilesWindow &w) {
            w.add(w.profile(QStringLiteral("门店A"), QStringLiteral("encrypted_key.pem")));
            w.add(w.profile(QStringLiteral("门店B")));
            w.store().setLastUsed(QStringLiteral("门店B"));
        });
        QCOMPARE(f.openName(), QStringLiteral("门店B"));
        const int before = int(ui::Dialogs::secretLabels().size());
        ui::Dialogs::setNextSecret(std::nullopt);
        QVERIFY(!f.window().openProfile(QStringLiteral("门店A")));
        QCOMPARE(int(ui::Dialogs::secretLabels().size()), before + 1);
        QCOMPARE(f.openName(), QStringLiteral("门店B"));
        QVERIFY2(
            f.status().contains(QStringLiteral("“门店A” was not opened: the private key's passphrase was not given")),
            qPrintable(f.status()));

        // A wrong one is asked again, with the reason; then cancelled.
        ui::Dialogs::setNextSecret(QStringLiteral("wrong"));
        ui::Dialogs::setNextSecret(std::nullopt);
        QVERIFY(!f.window().openProfile(QStringLiteral("门店A")));
        QCOMPARE(int(ui::Dialogs::secretLabels().size()), before + 3);
        QVERIFY2(ui::Dialogs::secretLabels().constLast().contains(QStringLiteral("Wrong passphrase")),
                 qPrintable(ui::Dialogs::secretLabels().constLast()));
        QCOMPARE(f.openName(), QStringLiteral("门店B"));
        QCOMPARE(f.stored(SecretStore::passphraseKey(QStringLiteral("门店A"))), QByteArray("<none>"));
    }

    // Platform-certificate mode without the APIv3 key in the store: asked for, checked for
    // length, kept for this run only.
    void missingApiV3KeyIsAskedFor()
    {
        ProfilesWindow f([](ProfilesWindow &w) {
            MerchantProfile profile = w.profile(QStringLiteral("证书模式"));
            profile.verificationMode = VerificationMode::PlatformCertificates;
            profile.publicKeyId.clear();
            profile.publicKeyFile.clear();
            w.add(profile);
            w.add(w.profile(QStringLiteral("门店B")));
            w.store().setLastUsed(QStringLiteral("门店B"));
        });
        const int before = int(ui::Dialogs::secretLabels().size());
        ui::Dialogs::setNextSecret(QString::fromLatin1(ApiV3Key));
        QVERIFY(f.window().openProfile(QStringLiteral("证书模式")));
        QCOMPARE(int(ui::Dialogs::secretLabels().size()), before + 1);
        QVERIFY(ui::Dialogs::secretLabels().constLast().contains(QStringLiteral("APIv3 key")));
        QCOMPARE(f.openName(), QStringLiteral("证书模式"));
        QCOMPARE(f.stored(SecretStore::apiV3Key(QStringLiteral("证书模式"))), QByteArray("<none>"));
    }
};

QTEST_MAIN(TestProfileManagement)
#include "TestProfileManagement.moc"
