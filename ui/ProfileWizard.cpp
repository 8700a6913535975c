#include "ProfileWizard.h"

#include "Dialogs.h"
#include "StatusColours.h"
#include "UiLanguage.h"
#include "crypto/KeyLoader.h"
#include "profile/ConnectionTest.h"
#include "profile/ProfileConnection.h"
#include "profile/ProfileProblem.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
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
    identityChanged(); // once every page exists: it reaches into the keys and verification pages
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
    page->setSubTitle(tr("A name for this profile and who calls WeChat Pay: a merchant or service provider (商户号), "
                         "or a brand calling the 商品券 brand API as itself (品牌ID)."));
    auto *form = new QFormLayout(page);
    m_merchantForm = form;
    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("wizardName"));
    m_merchantIdentity = new QRadioButton(tr("Merchant or service provider"), page);
    m_merchantIdentity->setObjectName(QStringLiteral("wizardIdentityMerchant"));
    m_brandIdentity = new QRadioButton(tr("Brand (商品券 only)"), page);
    m_brandIdentity->setObjectName(QStringLiteral("wizardIdentityBrand"));
    m_merchantIdentity->setChecked(true);
    auto *identities = new QHBoxLayout;
    identities->addWidget(m_merchantIdentity);
    identities->addWidget(m_brandIdentity);
    identities->addStretch();
    m_brandId = new QLineEdit(page);
    m_brandId->setObjectName(QStringLiteral("wizardBrandId"));
    m_brandId->setToolTip(tr("brand_id: the brand's ID. A brand signs with its own API key and certificate, and its "
                             "answers are verified with the WeChat Pay public key."));
    m_brands = new QLineEdit(page);
    m_brands->setObjectName(QStringLiteral("wizardBrands"));
    m_brands->setPlaceholderText(tr("optional, e.g. 120344, 120345"));
    m_brands->setToolTip(tr("The brands (brand_id) this service provider may change 商品券 for, separated by commas. "
                            "The budget page offers them."));
    m_mchid = new QLineEdit(page);
    m_mchid->setObjectName(QStringLiteral("wizardMchid"));
    // No input validator: a pasted " 1230000109" would silently not arrive. Checked on Next.
    m_mchid->setToolTip(tr("mchid: the merchant ID WeChat Pay assigned, digits only."));
    form->addRow(tr("Profile name"), m_name);
    m_nameError = errorLine(page, form, m_name);
    form->addRow(tr("Calls as"), identities);
    form->addRow(tr("Merchant ID (mchid)"), m_mchid);
    m_mchidError = errorLine(page, form, m_mchid);
    form->addRow(tr("Brands served (brand_id)"), m_brands);
    m_brandsError = errorLine(page, form, m_brands);
    form->addRow(tr("Brand ID (brand_id)"), m_brandId);
    m_brandIdError = errorLine(page, form, m_brandId);
    connect(m_brandIdentity, &QRadioButton::toggled, this, &ProfileWizard::identityChanged);
    m_operatorName = new QLineEdit(page);
    m_operatorName->setObjectName(QStringLiteral("wizardOperatorName"));
    // Longer text is refused on Next with the reason, rather than cut off silently here.
    m_operatorName->setToolTip(tr("Who works with this profile (操作人). Shown in the audit log and the CSV export "
                                  "beside the computer's account — useful where several people share one PC."));
    form->addRow(tr("Operator (optional)"), m_operatorName);
    m_operatorNameError = errorLine(page, form, m_operatorName);
    return page;
}

bool ProfileWizard::isBrandIdentity() const
{
    return m_brandIdentity->isChecked();
}

void ProfileWizard::identityChanged()
{
    // Only the fields of the identity chosen are shown (error lines stay hidden until checked).
    const bool brand = isBrandIdentity();
    m_merchantForm->setRowVisible(m_mchid, !brand);
    m_merchantForm->setRowVisible(m_brands, !brand);
    m_merchantForm->setRowVisible(m_brandId, brand);
    clearErrors({m_mchidError, m_brandsError, m_brandIdError});
    if (brand) // a brand's answers are verified with the WeChat Pay public key only
        m_publicKeyMode->setChecked(true);
    for (QRadioButton *mode : {m_certificateMode, m_bothModes})
        mode->setEnabled(!brand);
    checkKeys();
}

QStringList ProfileWizard::typedBrands() const
{
    static const QRegularExpression separators(QStringLiteral("[,，;；\\s]+"));
    QStringList brands = m_brands->text().split(separators, Qt::SkipEmptyParts);
    brands.removeDuplicates();
    return brands;
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
    m_keyFileError = errorLine(page, form, m_keyFile);
    m_passphrase = new QLineEdit(page);
    m_passphrase->setObjectName(QStringLiteral("wizardPassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setPlaceholderText(tr("only for an encrypted key; a .p12 defaults to the mchid"));
    form->addRow(tr("Passphrase"), m_passphrase);
    m_passphraseError = errorLine(page, form, m_passphrase);
    auto *certificateRow = new QHBoxLayout;
    m_certificateFile = fileField(page, QStringLiteral("wizardCertificateFile"), certificateRow,
                                  tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    form->addRow(tr("Certificate"), certificateRow);
    m_certificateFileError = errorLine(page, form, m_certificateFile);
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
    m_publicKeyMode->setObjectName(QStringLiteral("wizardPublicKeyMode"));
    m_certificateMode->setObjectName(QStringLiteral("wizardCertificateMode"));
    m_bothModes->setObjectName(QStringLiteral("wizardBothModes"));
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
    m_publicKeyIdError = errorLine(page, form, m_publicKeyId);
    auto *publicKeyRow = new QHBoxLayout;
    m_publicKeyFile = fileField(page, QStringLiteral("wizardPublicKeyFile"), publicKeyRow,
                                tr("Public keys (*.pem);;All files (*)"));
    form->addRow(tr("Public key file"), publicKeyRow);
    m_publicKeyFileError = errorLine(page, form, m_publicKeyFile);
    m_apiV3Key = new QLineEdit(page);
    m_apiV3Key->setObjectName(QStringLiteral("wizardApiV3Key"));
    m_apiV3Key->setEchoMode(QLineEdit::Password);
    m_apiV3Key->setToolTip(tr("The 32-character APIv3 key; kept in the system's secret store, never in a file."));
    form->addRow(tr("APIv3 key"), m_apiV3Key);
    m_apiV3KeyError = errorLine(page, form, m_apiV3Key);
    m_baseUrl = new QLineEdit(QStringLiteral("https://api.mch.weixin.qq.com"), page);
    m_baseUrl->setObjectName(QStringLiteral("wizardBaseUrl"));
    form->addRow(tr("Address"), m_baseUrl);
    m_baseUrlError = errorLine(page, form, m_baseUrl);
    m_verificationStatus = new QLabel(page);
    m_verificationStatus->setObjectName(QStringLiteral("wizardVerificationStatus"));
    m_verificationStatus->setWordWrap(true);
    m_verificationStatus->setStyleSheet(StatusColours::textStyle(StatusTone::Failure, palette()));
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
    MerchantProfile profile = m_edited.value_or(MerchantProfile());
    profile.name = m_name->text().trimmed();
    profile.identity = isBrandIdentity() ? CallerIdentity::Brand : CallerIdentity::Merchant;
    profile.mchid = isBrandIdentity() ? QString() : m_mchid->text().trimmed();
    profile.brandId = isBrandIdentity() ? m_brandId->text().trimmed() : QString();
    profile.brands = isBrandIdentity() ? QStringList() : typedBrands();
    profile.privateKeyFile = m_keyFile->text().trimmed();
    profile.merchantCertificateFile = m_certificateFile->text().trimmed();
    profile.merchantSerial = m_serial;
    profile.verificationMode = m_publicKeyMode->isChecked() ? VerificationMode::PublicKey
        : m_certificateMode->isChecked()                    ? VerificationMode::PlatformCertificates
                                                            : VerificationMode::Both;
    profile.publicKeyId.clear();
    profile.publicKeyFile.clear();
    if (profile.usesPublicKey()) {
        profile.publicKeyId = m_publicKeyId->text().trimmed();
        profile.publicKeyFile = m_publicKeyFile->text().trimmed();
    }
    profile.primaryBaseUrl = QUrl(m_baseUrl->text().trimmed());
    // Stored as the profile file keeps it (trimmed); one it would refuse is kept as typed, so
    // that validateProfile says so instead of it vanishing.
    profile.operatorName = MerchantProfile::operatorNameFrom(m_operatorName->text()).value_or(m_operatorName->text());
    return profile;
}

ProfileSecrets ProfileWizard::secrets() const
{
    // Typed over, a kept secret is replaced; left empty, it stays.
    const QByteArray passphrase = m_passphrase->text().isEmpty() ? m_kept.keyPassphrase : m_passphrase->text().toUtf8();
    QByteArray apiV3Key;
    if (m_apiV3Key->isEnabled())
        apiV3Key = m_apiV3Key->text().isEmpty() ? m_kept.apiV3Key : m_apiV3Key->text().toUtf8();
    return {passphrase, apiV3Key};
}

void ProfileWizard::setTakenNames(const QStringList &names)
{
    m_takenNames = names;
}

void ProfileWizard::editProfile(const MerchantProfile &profile, const ProfileSecrets &kept)
{
    m_edited = profile;
    m_kept = kept;
    setWindowTitle(tr("Edit merchant profile “%1”").arg(profile.name));
    m_name->setText(profile.name);
    m_name->setReadOnly(true);
    m_name->setToolTip(tr("Use Profile › Rename… to rename a profile."));
    m_mchid->setText(profile.mchid);
    m_brandId->setText(profile.brandId);
    m_brands->setText(profile.brands.join(QStringLiteral(", ")));
    (profile.isBrand() ? m_brandIdentity : m_merchantIdentity)->setChecked(true);
    m_operatorName->setText(profile.operatorName);
    if (!kept.keyPassphrase.isEmpty())
        m_passphrase->setPlaceholderText(tr("unchanged — type to replace"));
    if (!kept.apiV3Key.isEmpty())
        m_apiV3Key->setPlaceholderText(tr("unchanged — type to replace"));
    m_keyFile->setText(profile.privateKeyFile);
    m_certificateFile->setText(profile.merchantCertificateFile);
    QRadioButton *mode = profile.verificationMode == VerificationMode::PublicKey ? m_publicKeyMode
        : profile.verificationMode == VerificationMode::PlatformCertificates     ? m_certificateMode
                                                                                 : m_bothModes;
    mode->setChecked(true);
    m_publicKeyId->setText(profile.publicKeyId);
    m_publicKeyFile->setText(profile.publicKeyFile);
    m_baseUrl->setText(profile.primaryBaseUrl.toString());
    checkKeys();
}

QLabel *ProfileWizard::errorLine(QWidget *page, QFormLayout *form, const QLineEdit *field)
{
    auto *line = new QLabel(page);
    line->setObjectName(field->objectName() + QStringLiteral("Error"));
    line->setWordWrap(true);
    line->setStyleSheet(StatusColours::textStyle(StatusTone::Failure, palette()));
    line->setVisible(false);
    form->addRow(QString(), line);
    return line;
}

void ProfileWizard::showError(QLabel *line, const QString &text)
{
    line->setText(text.isEmpty() ? QString() : QStringLiteral("✘ ") + text);
    line->setVisible(!text.isEmpty());
}

void ProfileWizard::clearErrors(const QList<QLabel *> &lines)
{
    for (QLabel *line : lines)
        showError(line, {});
}

QLabel *ProfileWizard::errorLineFor(const QString &problemField) const
{
    const QHash<QString, QLabel *> lines{
        {QStringLiteral("name"), m_nameError},
        {QStringLiteral("mchid"), m_mchidError},
        {QStringLiteral("brand_id"), m_brandIdError},
        {QStringLiteral("operator_name"), m_operatorNameError},
        {QStringLiteral("private_key"), m_keyFileError},
        {QStringLiteral("merchant_certificate"), m_certificateFileError},
        {QStringLiteral("merchant_serial"), m_certificateFileError},
        {QStringLiteral("public_key_id"), m_publicKeyIdError},
        {QStringLiteral("public_key"), m_publicKeyFileError},
        {QStringLiteral("apiv3_key"), m_apiV3KeyError},
        {QStringLiteral("base_url"), m_baseUrlError},
    };
    // Settings the wizard has no field for (a CA file, the timeout) are said under the page.
    return lines.value(problemField, m_verificationStatus);
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
    clearErrors({m_keyFileError, m_passphraseError, m_certificateFileError});
    m_keyStatus->clear();
    if (m_keyFile->text().isEmpty())
        return;
    QLabel *problemLine = m_keyFileError;
    // A .p12's default passphrase is the caller's ID; a brand's certificate names no merchant.
    const QString mchid = isBrandIdentity() ? m_brandId->text().trimmed() : m_mchid->text().trimmed();
    const QByteArray passphrase = secrets().keyPassphrase;
    auto key = KeyLoader::merchantKeyFromFile(m_keyFile->text(), passphrase, mchid);
    std::optional<Certificate> certificate;
    if (key)
        certificate = key->certificate;
    if (key && !m_certificateFile->text().isEmpty()) {
        auto loaded = KeyLoader::certificateFromFile(m_certificateFile->text(), passphrase, mchid);
        if (!loaded) {
            m_keyProblem = UiLanguage::pick(loaded.error().text());
            problemLine = m_certificateFileError;
        } else {
            certificate = *loaded;
        }
    }
    if (!key) {
        m_keyProblem = UiLanguage::pick(key.error().text());
        const KeyError::Code code = key.error().code();
        if (code == KeyError::Code::PassphraseRequired || code == KeyError::Code::WrongPassphrase)
            problemLine = m_passphraseError;
    } else if (m_keyProblem.isEmpty() && certificate) {
        // The certificate's merchant first: another merchant's certificate does not match this
        // key either, and "wrong merchant" is the more useful of the two.
        const auto otherMerchant = isBrandIdentity() ? std::nullopt : checkCertificateMerchant(*certificate, mchid);
        auto serial = KeyLoader::serialForKey(key->key, *certificate);
        problemLine = m_certificateFile->text().isEmpty() ? m_keyFileError : m_certificateFileError;
        if (otherMerchant)
            m_keyProblem = UiLanguage::pick(otherMerchant->text());
        else if (serial)
            m_serial = *serial;
        else
            m_keyProblem = UiLanguage::pick(serial.error().text());
    }
    if (!m_keyProblem.isEmpty()) {
        showError(problemLine, m_keyProblem);
    } else if (m_serial.isEmpty()) {
        m_keyStatus->setStyleSheet(StatusColours::textStyle(StatusTone::Warning, palette()));
        m_keyStatus->setText(
            tr("✔ %1 key loaded. Choose the certificate to read the serial.").arg(keyFormatName(key->format)));
    } else {
        m_keyStatus->setStyleSheet(StatusColours::textStyle(StatusTone::Success, palette()));
        m_keyStatus->setText(
            tr("✔ %1 key matches the certificate. Serial: %2").arg(keyFormatName(key->format), m_serial));
    }
}

bool ProfileWizard::checkMerchantPage()
{
    clearErrors({m_nameError, m_mchidError, m_brandsError, m_brandIdError, m_operatorNameError});
    const QString name = m_name->text().trimmed();
    bool ok = true;
    if (name.isEmpty()) {
        showError(m_nameError, UiLanguage::pick(ProfileProblem(ProfileProblem::Code::NameMissing).text()));
        ok = false;
    }
    if (isBrandIdentity()) {
        if (const auto problem = checkBrandId(m_brandId->text().trimmed())) {
            showError(m_brandIdError, UiLanguage::pick(problem->text()));
            ok = false;
        }
    } else {
        if (const auto problem = checkMchid(m_mchid->text())) {
            showError(m_mchidError, UiLanguage::pick(problem->text()));
            ok = false;
        }
        const QStringList brands = typedBrands();
        for (const QString &brand : brands) {
            if (const auto problem = checkBrandId(brand)) {
                showError(m_brandsError, UiLanguage::pick(problem->text()));
                ok = false;
                break;
            }
        }
        if (ok && brands.size() > MerchantProfile::MaximumBrands) {
            showError(m_brandsError, tr("At most %1 brands per profile.").arg(MerchantProfile::MaximumBrands));
            ok = false;
        }
    }
    if (const auto problem = checkOperatorName(m_operatorName->text())) {
        showError(m_operatorNameError, UiLanguage::pick(problem->text()));
        ok = false;
    }
    m_replaces = false;
    // One profile on Windows, whose settings keys ignore letter case (see ProfileStore::caseClash).
    const auto sameButCase = std::find_if(m_takenNames.cbegin(), m_takenNames.cend(), [&](const QString &taken) {
        return taken != name && taken.compare(name, Qt::CaseInsensitive) == 0;
    });
    if (ok && !m_edited && sameButCase != m_takenNames.cend()) {
        showError(m_nameError,
                  tr("“%1” differs from the profile “%2” only in letter case, which Windows treats as the "
                     "same name: choose another name.")
                      .arg(name, *sameButCase));
        ok = false;
    }
    if (ok && !m_edited && m_takenNames.contains(name)) {
        // Saving would overwrite that profile's settings and secrets: only when asked for.
        m_replaces = Dialogs::confirm(
            this, tr("Replace profile?"),
            tr("A profile named “%1” already exists. Replace it with this one? Its settings and stored secrets "
               "are overwritten; the audit log is kept.")
                .arg(name));
        if (!m_replaces) {
            showError(m_nameError,
                      tr("A profile named “%1” already exists: choose another name, or use Profile › "
                         "Edit… to change that one.")
                          .arg(name));
            ok = false;
        }
    }
    return ok;
}

bool ProfileWizard::checkVerificationPage()
{
    clearErrors({m_publicKeyIdError, m_publicKeyFileError, m_apiV3KeyError, m_baseUrlError});
    m_verificationStatus->clear();
    const QList<ProfileProblem> problems = validateProfile(profile(), secrets());
    for (const ProfileProblem &problem : problems) {
        QLabel *line = errorLineFor(problem.field());
        if (problem.code() == ProfileProblem::Code::PublicKeyMissing && m_publicKeyId->text().trimmed().isEmpty())
            line = m_publicKeyIdError; // the ID and the file are one problem: said where the gap is
        if (line == m_verificationStatus)
            line->setText(UiLanguage::pick(problem.text()));
        else
            showError(line, UiLanguage::pick(problem.text()));
    }
    return problems.isEmpty();
}

bool ProfileWizard::validateCurrentPage()
{
    switch (currentId()) {
    case 0:
        return checkMerchantPage();
    case 1:
        checkKeys();
        if (m_keyFile->text().trimmed().isEmpty()) {
            showError(m_keyFileError, UiLanguage::pick(ProfileProblem(ProfileProblem::Code::PrivateKeyMissing).text()));
            return false;
        }
        if (m_keyProblem.isEmpty() && m_serial.isEmpty()) {
            showError(
                m_certificateFileError,
                tr("Choose the merchant API certificate apiclient_cert.pem: its serial goes with every request."));
            return false;
        }
        return m_keyProblem.isEmpty();
    case 2:
        return checkVerificationPage();
    case 3:
        // A failed test is no veto (WeChat Pay may just be out of reach from here today), but
        // saving over it is a decision the user makes knowingly.
        if (m_testFailure)
            return Dialogs::confirm(
                this, tr("Connection test failed"),
                tr("The connection test failed: %1\n\nSave the profile anyway?").arg(*m_testFailure));
        return true;
    default:
        return QWizard::validateCurrentPage();
    }
}

void ProfileWizard::initializePage(int id)
{
    // Reached with Next, the settings may have changed since the last test: its result, and
    // the question it would raise before saving, belong to settings no longer shown.
    if (id == 3) {
        m_testFailure.reset();
        m_testReport->clear();
    }
    QWizard::initializePage(id);
}

void ProfileWizard::runTest()
{
    m_testButton->setEnabled(false);
    m_testFailure.reset();
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
        if (const auto failure = ConnectionTest::firstFailure(reports))
            m_testFailure = QStringLiteral("%1: %2").arg(UiLanguage::pick(ConnectionTest::stageLabel(failure->stage)),
                                                         UiLanguage::pick(failure->text));
        m_testButton->setEnabled(true);
    });
}

} // namespace budgetdesk::ui
