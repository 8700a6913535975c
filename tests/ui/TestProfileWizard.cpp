// The new-profile wizard, driven offscreen: the key checked against the certificate as the
// fields are filled, the serial read, the profile validated, and the closing connection test
// run against the simulator.
#include "SimulatorFixture.h"
#include "TestData.h"

#include "Dialogs.h"
#include "ProfileWizard.h"
#include "UiLanguage.h"
#include "crypto/KeyLoader.h"
#include "profile/ProfileProblem.h"
#include "simulator/DemoMerchant.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <algorithm>

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

    // Through pages 1 and 2 with the demo merchant's name, mchid, key and certificate.
    void toVerificationPage(ui::ProfileWizard &wizard)
    {
        type(wizard, "wizardName", QStringLiteral("门店A"));
        type(wizard, "wizardMchid", DemoMerchant::instance().mchid);
        wizard.next();
        type(wizard, "wizardKeyFile", file(DemoMerchant::MerchantKeyFile));
        type(wizard, "wizardCertificateFile", file(DemoMerchant::MerchantCertificateFile));
        wizard.next();
        QCOMPARE(wizard.currentId(), 2);
    }

private Q_SLOTS:
    void initTestCase()
    {
        ui::UiLanguage::instance().apply(Language::English);
        QVERIFY(DemoMerchant::instance().writeClientFiles(m_folder.path()));
        // The merchant's own public key, as a user might export it from apiclient_cert.pem.
        auto certificate = KeyLoader::certificate(DemoMerchant::instance().merchantCertificatePem);
        QVERIFY(certificate);
        QFile own(file(QStringLiteral("own_pub_key.pem")));
        QVERIFY(own.open(QIODevice::WriteOnly));
        own.write(certificate->publicKey().toPem());
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
        QVERIFY(status(wizard, "wizardCertificateFileError").startsWith(QStringLiteral("✘")));
        QVERIFY(!status(wizard, "wizardKeyStatus").contains(QStringLiteral("✔")));

        // A certificate where the key belongs.
        type(wizard, "wizardKeyFile", file(DemoMerchant::MerchantCertificateFile));
        QVERIFY(!wizard.keyProblem().isEmpty());
        QVERIFY(!wizard.keyProblem().contains(QStringLiteral("BEGIN"))); // never key material
    }

    // Each page is checked on Next, and the reason shown beside the field it concerns.
    void nextIsRefusedWithTheReasonBesideTheField()
    {
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.show();
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QVERIFY(status(wizard, "wizardNameError").contains(QStringLiteral("Give the profile a name")));
        QVERIFY(status(wizard, "wizardMchidError").contains(QStringLiteral("Enter the merchant ID")));

        type(wizard, "wizardName", QStringLiteral("门店A"));
        type(wizard, "wizardMchid", QStringLiteral("19000001O9")); // a letter O among the digits
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QVERIFY(status(wizard, "wizardNameError").isEmpty());
        QVERIFY(status(wizard, "wizardMchidError").contains(QStringLiteral("must be digits")));

        type(wizard, "wizardMchid", DemoMerchant::instance().mchid);
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);

        // No key: said under the key; a key without its certificate: said under the certificate.
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        QVERIFY(status(wizard, "wizardKeyFileError").contains(QStringLiteral("Choose the merchant API private key")));
        type(wizard, "wizardKeyFile", file(DemoMerchant::MerchantKeyFile));
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        QVERIFY(status(wizard, "wizardKeyFileError").isEmpty());
        QVERIFY(status(wizard, "wizardCertificateFileError").contains(QStringLiteral("apiclient_cert.pem")));

        // A certificate where the key belongs: said under the key, as a certificate.
        type(wizard, "wizardKeyFile", file(DemoMerchant::MerchantCertificateFile));
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        QVERIFY(
            status(wizard, "wizardKeyFileError").contains(QStringLiteral("This is a certificate, not a private key")));
    }

    // The merchant API certificate names its merchant (subject CN): another merchant's is
    // refused with both numbers, before any request is signed with it.
    void certificateOfAnotherMerchantIsSaid()
    {
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.show();
        type(wizard, "wizardName", QStringLiteral("门店A"));
        type(wizard, "wizardMchid", QStringLiteral("1230000109"));
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        type(wizard, "wizardKeyFile", file(DemoMerchant::MerchantKeyFile));
        type(wizard, "wizardCertificateFile", file(DemoMerchant::MerchantCertificateFile));
        const QString said = status(wizard, "wizardCertificateFileError");
        QVERIFY2(said.contains(QStringLiteral("belongs to merchant ID %1").arg(DemoMerchant::instance().mchid)),
                 qPrintable(said));
        QVERIFY(said.contains(QStringLiteral("1230000109")));
        QVERIFY(wizard.readSerial().isEmpty());
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);

        // Corrected on page 1, the same files go through.
        wizard.back();
        type(wizard, "wizardMchid", DemoMerchant::instance().mchid);
        wizard.next();
        wizard.next();
        QCOMPARE(wizard.currentId(), 2);
        QVERIFY(status(wizard, "wizardCertificateFileError").isEmpty());
    }

    // The WeChat Pay public-key field names what was given instead: a certificate (not "not a
    // private key"), a private key, or the merchant's own public key or certificate.
    void wrongFilesInThePublicKeyFieldAreNamed_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("notExpected");
        QTest::newRow("platform certificate")
            << file(DemoMerchant::PlatformCertificateFile)
            << QStringLiteral("This is a certificate, not a public key. Use the WeChat Pay public key pub_key.pem")
            << QStringLiteral("private key");
        QTest::newRow("merchant private key") << file(DemoMerchant::MerchantKeyFile)
                                              << QStringLiteral("This is a private key, not the WeChat Pay public key")
                                              << QStringLiteral("not a private key");
        QTest::newRow("merchant's own public key")
            << file(QStringLiteral("own_pub_key.pem")) << QStringLiteral("is the merchant's own public key")
            << QStringLiteral("not a private key");
        QTest::newRow("merchant's own certificate")
            << file(DemoMerchant::MerchantCertificateFile) << QStringLiteral("is the merchant's own public key")
            << QStringLiteral("not a private key");
    }
    void wrongFilesInThePublicKeyFieldAreNamed()
    {
        QFETCH(QString, given);
        QFETCH(QString, expected);
        QFETCH(QString, notExpected);
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.show();
        toVerificationPage(wizard);
        type(wizard, "wizardPublicKeyId", DemoMerchant::instance().publicKeyId);
        type(wizard, "wizardPublicKeyFile", given);
        wizard.next();
        QCOMPARE(wizard.currentId(), 2);
        const QString said = status(wizard, "wizardPublicKeyFileError");
        QVERIFY2(said.contains(expected), qPrintable(said));
        QVERIFY2(!said.contains(notExpected), qPrintable(said));
        QVERIFY(status(wizard, "wizardPublicKeyIdError").isEmpty());

        // WeChat Pay's own key is accepted, and the message goes.
        type(wizard, "wizardPublicKeyFile", file(DemoMerchant::WechatPayPublicKeyFile));
        type(wizard, "wizardBaseUrl", QStringLiteral("http://127.0.0.1:9"));
        wizard.next();
        QCOMPARE(wizard.currentId(), 3);
        QVERIFY(status(wizard, "wizardPublicKeyFileError").isEmpty());
    }

    // 新建配置 with a name in use: refused on page 1 with the reason, unless replacing is
    // asked for and agreed to.
    void takenNameIsRefusedUnlessReplacingIsAgreed()
    {
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.setTakenNames({QStringLiteral("门店A"), QStringLiteral("门店B")});
        wizard.show();
        type(wizard, "wizardName", QStringLiteral("门店A"));
        type(wizard, "wizardMchid", DemoMerchant::instance().mchid);
        const qsizetype asked = ui::Dialogs::confirmationTexts().size();
        ui::Dialogs::setNextConfirmation(false);
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QCOMPARE(ui::Dialogs::confirmationTexts().size(), asked + 1);
        QVERIFY(ui::Dialogs::lastConfirmationText().contains(QStringLiteral("Replace it")));
        QVERIFY(status(wizard, "wizardNameError").contains(QStringLiteral("“门店A” already exists")));
        QVERIFY(!wizard.replacesExisting());

        ui::Dialogs::setNextConfirmation(true);
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        QVERIFY(wizard.replacesExisting());

        // A free name is not asked about.
        wizard.back();
        type(wizard, "wizardName", QStringLiteral("门店C"));
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        QCOMPARE(ui::Dialogs::confirmationTexts().size(), asked + 2);
        QVERIFY(!wizard.replacesExisting());

        // Another profile's name in other letter case is one name on Windows: refused, not asked.
        wizard.setTakenNames({QStringLiteral("ShopA")});
        wizard.back();
        type(wizard, "wizardName", QStringLiteral("shopa"));
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QCOMPARE(ui::Dialogs::confirmationTexts().size(), asked + 2);
        QVERIFY2(status(wizard, "wizardNameError").contains(QStringLiteral("letter case")),
                 qPrintable(status(wizard, "wizardNameError")));
    }

    // The window's language decides: the same problems in Chinese.
    void problemsAreSaidInChineseToo()
    {
        ui::UiLanguage::instance().apply(Language::Chinese);
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.setTakenNames({QStringLiteral("门店A")});
        wizard.show();
        wizard.next();
        QVERIFY(status(wizard, "wizardNameError").contains(QStringLiteral("请填写配置名称")));
        QVERIFY(status(wizard, "wizardMchidError").contains(QStringLiteral("请填写商户号")));
        type(wizard, "wizardName", QStringLiteral("门店A"));
        type(wizard, "wizardMchid", DemoMerchant::instance().mchid);
        ui::Dialogs::setNextConfirmation(false);
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QVERIFY2(status(wizard, "wizardNameError").contains(QStringLiteral("已有名为“门店A”的配置")),
                 qPrintable(status(wizard, "wizardNameError")));
        type(wizard, "wizardName", QStringLiteral("门店C"));
        wizard.next();
        type(wizard, "wizardKeyFile", file(DemoMerchant::MerchantKeyFile));
        type(wizard, "wizardCertificateFile", file(DemoMerchant::MerchantCertificateFile));
        wizard.next();
        QCOMPARE(wizard.currentId(), 2);
        type(wizard, "wizardPublicKeyId", DemoMerchant::instance().publicKeyId);
        type(wizard, "wizardPublicKeyFile", file(DemoMerchant::PlatformCertificateFile));
        wizard.next();
        QVERIFY(status(wizard, "wizardPublicKeyFileError").contains(QStringLiteral("这是证书，不是公钥")));
        ui::UiLanguage::instance().apply(Language::English);
    }

    // 操作人 on page 1: optional, saved trimmed into the profile, refused on Next with the reason
    // beside it when the profile file could not keep it (too long, a control character).
    void operatorNameIsOptionalAndCheckedOnPageOne()
    {
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.show();
        auto *field = wizard.findChild<QLineEdit *>(QStringLiteral("wizardOperatorName"));
        QVERIFY(field);
        QVERIFY(field->text().isEmpty());
        QVERIFY(field->toolTip().contains(QStringLiteral("audit log")));
        const QList<QLabel *> labels = wizard.findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [field](const QLabel *label) {
            return label->buddy() == field && label->text() == QStringLiteral("Operator (optional)");
        }));
        type(wizard, "wizardName", QStringLiteral("门店A"));
        type(wizard, "wizardMchid", DemoMerchant::instance().mchid);

        type(wizard, "wizardOperatorName", QString(33, u'名'));
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QVERIFY2(status(wizard, "wizardOperatorNameError").contains(QStringLiteral("at most 32 characters")),
                 qPrintable(status(wizard, "wizardOperatorNameError")));
        QVERIFY(status(wizard, "wizardNameError").isEmpty());
        QVERIFY(status(wizard, "wizardMchidError").isEmpty());

        type(wizard, "wizardOperatorName", QStringLiteral("张\t三"));
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QVERIFY(status(wizard, "wizardOperatorNameError").contains(QStringLiteral("control characters")));

        ui::UiLanguage::instance().apply(Language::Chinese);
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QVERIFY2(status(wizard, "wizardOperatorNameError").contains(QStringLiteral("操作人最多 32 个字符")),
                 qPrintable(status(wizard, "wizardOperatorNameError")));
        ui::UiLanguage::instance().apply(Language::English);

        // 32 characters go through, trimmed as the profile file keeps them.
        type(wizard, "wizardOperatorName", QStringLiteral("  ") + QString(32, u'名') + QStringLiteral(" "));
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        QVERIFY(status(wizard, "wizardOperatorNameError").isEmpty());
        QCOMPARE(wizard.profile().operatorName, QString(32, u'名'));

        // Left empty, it is not asked for.
        wizard.back();
        type(wizard, "wizardOperatorName", QString());
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        QVERIFY(wizard.profile().operatorName.isEmpty());
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
        QVERIFY(status(wizard, "wizardPublicKeyIdError").contains(QStringLiteral("public key ID")));
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

    // A 服务商 lists the brands it serves; a malformed one is refused beside the field.
    void merchantListsTheBrandsItServes()
    {
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.show();
        QVERIFY(!wizard.findChild<QLineEdit *>(QStringLiteral("wizardBrandId"))->isVisible());
        type(wizard, "wizardName", QStringLiteral("服务商"));
        type(wizard, "wizardMchid", DemoMerchant::instance().mchid);
        type(wizard, "wizardBrands", QStringLiteral("120344，12/345"));
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QVERIFY2(status(wizard, "wizardBrandsError").contains(QStringLiteral("12/345")),
                 qPrintable(status(wizard, "wizardBrandsError")));
        type(wizard, "wizardBrands", QStringLiteral(" 120344, 120345 120344 "));
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        QCOMPARE(wizard.profile().brands, (QStringList{QStringLiteral("120344"), QStringLiteral("120345")}));
        QCOMPARE(wizard.profile().identity, CallerIdentity::Merchant);
    }

    // A brand profile: its brand_id instead of a mchid, its own key and certificate (no merchant
    // in it to match), the public key as the only way to verify, and a passing connection test
    // over the 商品券 brand API.
    void brandIdentityEndsWithAPassingConnectionTest()
    {
        SimulatorFixture simulator;
        const DataDirectory data(m_folder.filePath(QStringLiteral("data")));
        ui::ProfileWizard wizard(data);
        wizard.show();
        wizard.findChild<QRadioButton *>(QStringLiteral("wizardIdentityBrand"))->setChecked(true);
        QVERIFY(!wizard.findChild<QLineEdit *>(QStringLiteral("wizardMchid"))->isVisible());
        QVERIFY(wizard.findChild<QLineEdit *>(QStringLiteral("wizardBrandId"))->isVisible());
        type(wizard, "wizardName", QStringLiteral("品牌"));
        type(wizard, "wizardBrandId", QStringLiteral("brand 120344"));
        wizard.next();
        QCOMPARE(wizard.currentId(), 0);
        QVERIFY(wizard.findChild<QLabel *>(QStringLiteral("wizardBrandIdError"))->isVisible());
        type(wizard, "wizardBrandId", DemoMerchant::instance().brandId);
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        type(wizard, "wizardKeyFile", file(DemoMerchant::BrandKeyFile));
        type(wizard, "wizardCertificateFile", file(DemoMerchant::BrandCertificateFile));
        QVERIFY2(wizard.keyProblem().isEmpty(), qPrintable(wizard.keyProblem()));
        QCOMPARE(wizard.readSerial(), DemoMerchant::instance().brandSerial);
        wizard.next();
        QCOMPARE(wizard.currentId(), 2);
        QVERIFY(!wizard.findChild<QRadioButton *>(QStringLiteral("wizardCertificateMode"))->isEnabled());
        type(wizard, "wizardPublicKeyId", DemoMerchant::instance().publicKeyId);
        type(wizard, "wizardPublicKeyFile", file(DemoMerchant::WechatPayPublicKeyFile));
        type(wizard, "wizardBaseUrl", simulator.server().baseUrl().toString());
        wizard.next();
        QCOMPARE(wizard.currentId(), 3);

        QTest::mouseClick(wizard.findChild<QPushButton *>(QStringLiteral("wizardTestButton")), Qt::LeftButton);
        auto *report = wizard.findChild<QTextBrowser *>(QStringLiteral("wizardTestReport"));
        QTRY_VERIFY_WITH_TIMEOUT(!report->toPlainText().contains(QStringLiteral("Testing")), 15000);
        QVERIFY2(!report->toPlainText().contains(QStringLiteral("✘")), qPrintable(report->toPlainText()));
        QVERIFY2(report->toPlainText().count(QStringLiteral("✔")) >= 4, qPrintable(report->toPlainText()));
        const auto &request = simulator.server().receivedRequests().last().request;
        QVERIFY2(request.target.startsWith("/brand/marketing/product-coupon/"), request.target.constData());

        const MerchantProfile profile = wizard.profile();
        QCOMPARE(profile.identity, CallerIdentity::Brand);
        QCOMPARE(profile.brandId, DemoMerchant::instance().brandId);
        QVERIFY(profile.mchid.isEmpty());
        QCOMPARE(profile.verificationMode, VerificationMode::PublicKey);
        QVERIFY(validateProfile(profile, wizard.secrets()).isEmpty());
    }
};

QTEST_MAIN(TestProfileWizard)
#include "TestProfileWizard.moc"
