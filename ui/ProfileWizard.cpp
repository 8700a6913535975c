#include "ProfileWizard.h"

#include "UiLanguage.h"
#include "crypto/KeyLoader.h"
#include "profile/ConnectionTest.h"
#include "profile/ProfileConnection.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpressionValidator>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace budgetdesk::ui {

ProfileWizard::ProfileWizard(const DataDirectory &dataDirectory, QWidget *parent)
    : QWizard(parent)
    , m_data(dataDirectory)
{
    setObjectName(QStringLiteral("profileWizard"));
    setWindowTitle(tr("New merchant profile"));
    setWizardStyle(QWizard::ModernStyle);
    addPage(merchantPage());
    addPage(keysPage());
    addPage(verificationPage());
    addPage(testPage());
    setOption(QWizard::NoBackButtonOnLastPage, false);
}

QLineEdit *ProfileWizard::fileField(QWidget *page, const QString &objectName, QLayout *row, const QString &filter)
{
    auto *edit = new QLineEdit(page);
    edit->setObjectName(objectName);
    auto *browse = new QPushButton(tr("Choose…"), page);
    connect(browse, &QPushButton::clicked, this, [this, edit, filter] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text(), filter);
        if (!file.isEmpty())
            edit->setText(file);
    });
    row->addWidget(edit);
    row->addWidget(browse);
    return edit;
}

QWizardPage *ProfileWizard::merchantPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Merchant"));
    page->setSubTitle(tr("A name for this profile and the merchant ID (商户号) it acts for."));
    auto *form = new QFormLayout(page);
    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("wizardName"));
    m_mchid = new QLineEdit(page);
    m_mchid->setObjectName(QStringLiteral("wizardMchid"));
    m_mchid->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,32}")), m_mchid));
    m_mchid->setToolTip(tr("mchid: the merchant ID WeChat Pay assigned, digits only."));
    form->addRow(tr("Profile name"), m_name);
    form->addRow(tr("Merchant ID (mchid)"), m_mchid);
    return page;
}

QWizardPage *ProfileWizard::keysPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Merchant API key and certificate"));
    page->setSubTitle(tr("apiclient_key.pem (or apiclient_cert.p12) and apiclient_cert.pem. The key is checked against "
                         "the certificate, and the serial is read from it."));
    auto *form = new QFormLayout(page);
    auto *keyRow = new QHBoxLayout;
    m_keyFile = fileField(page, QStringLiteral("wizardKeyFile"), keyRow, tr("Keys (*.pem *.p12 *.key);;All files (*)"));
    form->addRow(tr("Private key"), keyRow);
    m_passphrase = new QLineEdit(page);
    m_passphrase->setObjectName(QStringLiteral("wizardPassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setPlaceholderText(tr("only for an encrypted key; a .p12 defaults to the mchid"));
    form->addRow(tr("Passphrase"), m_passphrase);
    auto *certificateRow = new QHBoxLayout;
    m_certificateFile = fileField(page, QStringLiteral("wizardCertificateFile"), certificateRow,
                                  tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    form->addRow(tr("Certificate"), certificateRow);
    m_keyStatus = new QLabel(page);
    m_keyStatus->setObjectName(QStringLiteral("wizardKeyStatus"));
    m_keyStatus->setWordWrap(true);
    form->addRow(m_keyStatus);
    for (QLineEdit *edit : {m_keyFile, m_passphrase, m_certificateFile})
        connect(edit, &QLineEdit::textChanged, this, &ProfileWizard::checkKeys);
    return page;
}

QWizardPage *ProfileWizard::verificationPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("How answers are verified"));
    page->setSubTitle(tr("New merchants use the WeChat Pay public key (账户中心 → API安全). Older ones may still use "
                         "platform certificates, downloaded with the APIv3 key."));
    auto *form = new QFormLayout(page);
    m_publicKeyMode = new QRadioButton(tr("WeChat Pay public key"), page);
    m_certificateMode = new QRadioButton(tr("Platform certificates"), page);
    m_bothModes = new QRadioButton(tr("Both (while migrating)"), page);
    m_publicKeyMode->setChecked(true);
    auto *modes = new QHBoxLayout;
    modes->addWidget(m_publicKeyMode);
    modes->addWidget(m_certificateMode);
    modes->addWidget(m_bothModes);
    form->addRow(tr("Mode"), modes);
    m_publicKeyId = new QLineEdit(page);
    m_publicKeyId->setObjectName(QStringLiteral("wizardPublicKeyId"));
    m_publicKeyId->setPlaceholderText(QStringLiteral("PUB_KEY_ID_…"));
    form->addRow(tr("Public key ID"), m_publicKeyId);
    auto *publicKeyRow = new QHBoxLayout;
    m_publicKeyFile = fileField(page, QStringLiteral("wizardPublicKeyFile"), publicKeyRow,
                                tr("Public keys (*.pem);;All files (*)"));
    form->addRow(tr("Public key file"), publicKeyRow);
    m_apiV3Key = new QLineEdit(page);
    m_apiV3Key->setObjectName(QStringLiteral("wizardApiV3Key"));
    m_apiV3Key->setEchoMode(QLineEdit::Password);
    m_apiV3Key->setToolTip(tr("The 32-character APIv3 key; kept in the system's secret store, never in a file."));
    form->addRow(tr("APIv3 key"), m_apiV3Key);
    m_baseUrl = new QLineEdit(QStringLiteral("https://api.mch.weixin.qq.com"), page);
    m_baseUrl->setObjectName(QStringLiteral("wizardBaseUrl"));
    form->addRow(tr("Address"), m_baseUrl);
    m_verificationStatus = new QLabel(page);
    m_verificationStatus->setObjectName(QStringLiteral("wizardVerificationStatus"));
    m_verificationStatus->setWordWrap(true);
    m_verificationStatus->setStyleSheet(QStringLiteral("color: #c0392b;"));
    form->addRow(m_verificationStatus);
    auto modeChanged = [this] {
        const bool publicKey = !m_certificateMode->isChecked();
        const bool certificates = !m_publicKeyMode->isChecked();
        m_publicKeyId->setEnabled(publicKey);
        m_publicKeyFile->setEnabled(publicKey);
        m_apiV3Key->setEnabled(certificates);
    };
    for (QRadioButton *mode : {m_publicKeyMode, m_certificateMode, m_bothModes})
        connect(mode, &QRadioButton::toggled, this, modeChanged);
    modeChanged();
    return page;
}

QWizardPage *ProfileWizard::testPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Test the connection"));
    page->setSubTitle(tr("One real signed call. Name a batch that exists to check answer verification as well."));
    auto *layout = new QVBoxLayout(page);
    auto *row = new QHBoxLayout;
    m_testStock = new QLineEdit(page);
    m_testStock->setObjectName(QStringLiteral("wizardTestStock"));
    m_testStock->setPlaceholderText(tr("batch ID (optional)"));
    m_testButton = new QPushButton(tr("Test connection"), page);
    m_testButton->setObjectName(QStringLiteral("wizardTestButton"));
    row->addWidget(m_testStock, 1);
    row->addWidget(m_testButton);
    layout->addLayout(row);
    m_testReport = new QTextBrowser(page);
    m_testReport->setObjectName(QStringLiteral("wizardTestReport"));
    layout->addWidget(m_testReport);
    connect(m_testButton, &QPushButton::clicked, this, &ProfileWizard::runTest);
    return page;
}

MerchantProfile ProfileWizard::profile() const
{
    MerchantProfile profile;
    profile.name = m_name->text().trimmed();
    profile.mchid = m_mchid->text().trimmed();
    profile.privateKeyFile = m_keyFile->text().trimmed();
    profile.merchantCertificateFile = m_certificateFile->text().trimmed();
    profile.merchantSerial = m_serial;
    profile.verificationMode = m_publicKeyMode->isChecked() ? VerificationMode::PublicKey
        : m_certificateMode->isChecked()                    ? VerificationMode::PlatformCertificates
                                                            : VerificationMode::Both;
    if (profile.usesPublicKey()) {
        profile.publicKeyId = m_publicKeyId->text().trimmed();
        profile.publicKeyFile = m_publicKeyFile->text().trimmed();
    }
    profile.primaryBaseUrl = QUrl(m_baseUrl->text().trimmed());
    return profile;
}

ProfileSecrets ProfileWizard::secrets() const
{
    return {m_passphrase->text().toUtf8(), m_apiV3Key->isEnabled() ? m_apiV3Key->text().toUtf8() : QByteArray()};
}

QString ProfileWizard::keyProblem() const
{
    return m_keyProblem;
}

QString ProfileWizard::readSerial() const
{
    return m_serial;
}

void ProfileWizard::checkKeys()
{
    m_serial.clear();
    m_keyProblem.clear();
    if (m_keyFile->text().isEmpty()) {
        m_keyStatus->clear();
        return;
    }
    auto key = KeyLoader::merchantKeyFromFile(m_keyFile->text(), m_passphrase->text().toUtf8(), m_mchid->text());
    std::optional<Certificate> certificate;
    if (key)
        certificate = key->certificate;
    if (key && !m_certificateFile->text().isEmpty()) {
        auto loaded
            = KeyLoader::certificateFromFile(m_certificateFile->text(), m_passphrase->text().toUtf8(), m_mchid->text());
        if (!loaded)
            m_keyProblem = UiLanguage::pick(loaded.error().text());
        else
            certificate = *loaded;
    }
    if (!key) {
        m_keyProblem = UiLanguage::pick(key.error().text());
    } else if (m_keyProblem.isEmpty() && certificate) {
        auto serial = KeyLoader::serialForKey(key->key, *certificate);
        if (serial)
            m_serial = *serial;
        else
            m_keyProblem = UiLanguage::pick(serial.error().text());
    }
    if (!m_keyProblem.isEmpty()) {
        m_keyStatus->setStyleSheet(QStringLiteral("color: #c0392b;"));
        m_keyStatus->setText(QStringLiteral("✘ ") + m_keyProblem);
    } else if (m_serial.isEmpty()) {
        m_keyStatus->setStyleSheet(QStringLiteral("color: #b9770e;"));
        m_keyStatus->setText(
            tr("✔ %1 key loaded. Choose the certificate to read the serial.").arg(keyFormatName(key->format)));
    } else {
        m_keyStatus->setStyleSheet(QStringLiteral("color: #1e8449;"));
        m_keyStatus->setText(
            tr("✔ %1 key matches the certificate. Serial: %2").arg(keyFormatName(key->format), m_serial));
    }
}

bool ProfileWizard::validateCurrentPage()
{
    if (currentId() == 1) {
        checkKeys();
        return m_keyProblem.isEmpty() && !m_serial.isEmpty();
    }
    if (currentId() == 2) {
        const QList<ProfileProblem> problems = validateProfile(profile(), secrets());
        m_verificationStatus->setText(problems.isEmpty() ? QString() : UiLanguage::pick(problems.first().text()));
        return problems.isEmpty();
    }
    return QWizard::validateCurrentPage();
}

void ProfileWizard::runTest()
{
    m_testButton->setEnabled(false);
    m_testReport->setPlainText(tr("Testing…"));
    ConnectionTest *test = ConnectionTest::start(profile(), secrets(), m_data, m_testStock->text().trimmed());
    connect(test, &ConnectionTest::finished, this, [this](const QList<ConnectionTest::StageReport> &reports) {
        static const char *const Marks[] = {"✔", "✘", "–", "·"};
        QStringList lines;
        for (const ConnectionTest::StageReport &report : reports) {
            QString line = QStringLiteral("%1 <b>%2</b>: %3")
                               .arg(QString::fromUtf8(Marks[int(report.status)]),
                                    UiLanguage::pick(ConnectionTest::stageLabel(report.stage)).toHtmlEscaped(),
                                    UiLanguage::pick(report.text).toHtmlEscaped());
            if (report.status == ConnectionTest::Status::Failed && !report.explanation.solutionZh.isEmpty()
                && UiLanguage::instance().current() == Language::Chinese)
                line += QStringLiteral("<br>&nbsp;&nbsp;处理：") + report.explanation.solutionZh.toHtmlEscaped();
            lines.append(line);
        }
        m_testReport->setHtml(lines.join(QStringLiteral("<br>")));
        m_testButton->setEnabled(true);
    });
}

} // namespace budgetdesk::ui
