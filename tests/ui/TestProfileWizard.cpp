// The new-profile wizard, driven offscreen: the key checked against the certificate as the
// fields are filled, the serial read, the profile validated, and the closing connection test
// run against the simulator.
#include "SimulatorFixture.h"
#include "TestData.h"

#include "ProfileWizard.h"
#include "UiLanguage.h"
#include "profile/ProfileProblem.h"
#include "simulator/DemoMerchant.h"

#include <QAbstractButton>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace budgetdesk;
using namespace budgetdesk::test;
using budgetdesk::sim::DemoMerchant;

class TestProfileWizard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    QString file(const QString &name) const { return QDir(m_folder.path()).filePath(name); }

    static void type(ui::ProfileWizard &wizard, const char *field, const QString &text)
    {
        auto *edit = wizard.findChild<QLineEdit *>(QString::fromLatin1(field));
        QVERIFY2(edit, field);
        edit->setText(text);
    }
    static QString status(ui::ProfileWizard &wizard, const char *label)
    {
        return wizard.findChild<QLabel *>(QString::fromLatin1(label))->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        ui::UiLanguage::instance().apply(Language::English);
        QVERIFY(DemoMerchant::instance().writeClientFiles(m_folder.path()));
    }

    void keyIsCheckedAgainstTheCertificateOnTheSpot()
    {
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.show();
        type(wizard, "wizardMchid", DemoMerchant::instance().mchid);
        type(wizard, "wizardKeyFile", file(DemoMerchant::MerchantKeyFile));
        QVERIFY(status(wizard, "wizardKeyStatus").contains(QStringLiteral("Choose the certificate")));

        type(wizard, "wizardCertificateFile", file(DemoMerchant::MerchantCertificateFile));
        QCOMPARE(wizard.readSerial(), DemoMerchant::instance().merchantSerial);
        QVERIFY(status(wizard, "wizardKeyStatus").contains(DemoMerchant::instance().merchantSerial));
        QVERIFY(wizard.keyProblem().isEmpty());

        // Another merchant's certificate: said at once, and the serial is not taken.
        type(wizard, "wizardCertificateFile", dataPath(QStringLiteral("keys/legacy_apiclient_cert.pem")));
        QVERIFY(wizard.readSerial().isEmpty());
        QVERIFY(!wizard.keyProblem().isEmpty());
        QVERIFY(status(wizard, "wizardKeyStatus").startsWith(QStringLiteral("✘")));

        // A certificate where the key belongs.
        type(wizard, "wizardKeyFile", file(DemoMerchant::MerchantCertificateFile));
        QVERIFY(!wizard.keyProblem().isEmpty());
        QVERIFY(!wizard.keyProblem().contains(QStringLiteral("BEGIN"))); // never key material
    }

    void wizardEndsWithAPassingConnectionTest()
    {
        SimulatorFixture simulator;
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.show();
        type(wizard, "wizardName", QStringLiteral("门店A"));
        type(wizard, "wizardMchid", DemoMerchant::instance().mchid);
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);

        // The keys page does not let a mismatched pair through.
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        type(wizard, "wizardKeyFile", file(DemoMerchant::MerchantKeyFile));
        type(wizard, "wizardCertificateFile", file(DemoMerchant::MerchantCertificateFile));
        wizard.next();
        QCOMPARE(wizard.currentId(), 2);

        // Verification: the public key needs its ID; the page says so and stays.
        type(wizard, "wizardPublicKeyFile", file(DemoMerchant::WechatPayPublicKeyFile));
        type(wizard, "wizardBaseUrl", simulator.server().baseUrl().toString());
        wizard.next();
        QCOMPARE(wizard.currentId(), 2);
        QVERIFY(!status(wizard, "wizardVerificationStatus").isEmpty());
        type(wizard, "wizardPublicKeyId", DemoMerchant::instance().publicKeyId);
        wizard.next();
        QCOMPARE(wizard.currentId(), 3);

        type(wizard, "wizardTestStock", QStringLiteral("1212000000000001"));
        QTest::mouseClick(wizard.findChild<QPushButton *>(QStringLiteral("wizardTestButton")), Qt::LeftButton);
        auto *report = wizard.findChild<QTextBrowser *>(QStringLiteral("wizardTestReport"));
        QTRY_VERIFY_WITH_TIMEOUT(!report->toPlainText().contains(QStringLiteral("Testing")), 15000);
        QVERIFY2(!report->toPlainText().contains(QStringLiteral("✘")), qPrintable(report->toPlainText()));
        QVERIFY(report->toPlainText().count(QStringLiteral("✔")) >= 4);

        const MerchantProfile profile = wizard.profile();
        QCOMPARE(profile.name, QStringLiteral("门店A"));
        QCOMPARE(profile.merchantSerial, DemoMerchant::instance().merchantSerial);
        QCOMPARE(profile.verificationMode, VerificationMode::PublicKey);
        QVERIFY(validateProfile(profile, wizard.secrets()).isEmpty());
        QVERIFY(wizard.secrets().apiV3Key.isEmpty()); // not asked for in public-key mode
    }
};

QTEST_MAIN(TestProfileWizard)
#include "TestProfileWizard.moc"
