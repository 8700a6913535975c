#pragma once

#include "profile/DataDirectory.h"
#include "profile/MerchantProfile.h"

#include <QWizard>

#include <optional>

class QButtonGroup;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTextBrowser;

namespace budgetdesk::ui {

// First run, 新建配置 or 编辑配置: the merchant, the key and certificate (checked against each
// other on the spot, the serial read from the certificate), how answers are verified, and a
// connection test at the end. Each page is checked before Next, the problem shown beside the
// field it concerns. The result is a validated profile and its secrets.
class ProfileWizard : public QWizard
{
    Q_OBJECT

public:
    explicit ProfileWizard(const DataDirectory &data, QWidget *parent = nullptr);

    // 新建配置: these names are taken; one of them is refused on the first page unless the
    // user agrees to replace that profile.
    void setTakenNames(const QStringList &names);
    // 编辑配置: filled with `profile`, its name fixed (renaming is a menu action of its own).
    // `kept` secrets are never shown; they stay unless something is typed over them.
    void editProfile(const MerchantProfile &profile, const ProfileSecrets &kept);
    // The user agreed to replace the existing profile of this name.
    bool replacesExisting() const { return m_replaces; }

    MerchantProfile profile() const;
    ProfileSecrets secrets() const;

    // The key/certificate check as shown on the keys page; empty when all is well.
    QString keyProblem() const;
    QString readSerial() const;

protected:
    bool validateCurrentPage() override;
    void initializePage(int id) override;

private:
    QWizardPage *merchantPage();
    QWizardPage *keysPage();
    QWizardPage *verificationPage();
    QWizardPage *testPage();
    void checkKeys();
    void identityChanged();
    bool isBrandIdentity() const;
    // The brands a 服务商 profile serves, as typed: IDs separated by commas or spaces.
    QStringList typedBrands() const;
    void runTest();
    bool checkMerchantPage();
    bool checkVerificationPage();
    QLineEdit *fileField(QWidget *page, const QString &objectName, QLayout *row, const QString &filter);
    // A red line under a field, named <field>Error, for what is wrong with it.
    QLabel *errorLine(QWidget *page, QFormLayout *form, const QLineEdit *field);
    QLabel *errorLineFor(const QString &problemField) const;
    void showError(QLabel *line, const QString &text);
    void clearErrors(const QList<QLabel *> &lines);

    const DataDirectory &m_data;
    QStringList m_takenNames;
    bool m_replaces = false;
    std::optional<MerchantProfile> m_edited; // what is edited: settings the wizard does not show are kept
    ProfileSecrets m_kept;
    std::optional<QString> m_testFailure; // the last connection test's failure, if it failed
    QLineEdit *m_name;
    QRadioButton *m_merchantIdentity;
    QRadioButton *m_brandIdentity;
    QFormLayout *m_merchantForm;
    QLineEdit *m_mchid;
    QLineEdit *m_brandId;
    QLineEdit *m_brands;
    QLabel *m_brandIdError;
    QLabel *m_brandsError;
    QLineEdit *m_operatorName;
    QLineEdit *m_keyFile;
    QLineEdit *m_passphrase;
    QLineEdit *m_certificateFile;
    QLabel *m_keyStatus;
    QLabel *m_nameError;
    QLabel *m_mchidError;
    QLabel *m_operatorNameError;
    QLabel *m_keyFileError;
    QLabel *m_passphraseError;
    QLabel *m_certificateFileError;
    QLabel *m_publicKeyIdError;
    QLabel *m_publicKeyFileError;
    QLabel *m_apiV3KeyError;
    QLabel *m_baseUrlError;
    QString m_keyProblem;
    QString m_serial;
    QRadioButton *m_publicKeyMode;
    QRadioButton *m_certificateMode;
    QRadioButton *m_bothModes;
    QLineEdit *m_publicKeyId;
    QLineEdit *m_publicKeyFile;
    QLineEdit *m_apiV3Key;
    QLineEdit *m_baseUrl;
    QLabel *m_verificationStatus;
    QLineEdit *m_testStock;
    QPushButton *m_testButton;
    QTextBrowser *m_testReport;
};

} // namespace budgetdesk::ui
