#pragma once

#include "profile/DataDirectory.h"
#include "profile/MerchantProfile.h"

#include <QWizard>

#include <optional>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTextBrowser;

namespace budgetdesk::ui {

// First run, or 新建配置: the merchant, the key and certificate (checked against each other on
// the spot, the serial read from the certificate), how answers are verified, and a connection
// test at the end. The result is a validated profile and its secrets.
class ProfileWizard : public QWizard
{
    Q_OBJECT

public:
    explicit ProfileWizard(const DataDirectory &data, QWidget *parent = nullptr);

    MerchantProfile profile() const;
    ProfileSecrets secrets() const;

    // The key/certificate check as shown on the keys page; empty when all is well.
    QString keyProblem() const;
    QString readSerial() const;

protected:
    bool validateCurrentPage() override;

private:
    QWizardPage *merchantPage();
    QWizardPage *keysPage();
    QWizardPage *verificationPage();
    QWizardPage *testPage();
    void checkKeys();
    void runTest();
    QLineEdit *fileField(QWidget *page, const QString &objectName, QLayout *row, const QString &filter);

    const DataDirectory &m_data;
    QLineEdit *m_name;
    QLineEdit *m_mchid;
    QLineEdit *m_keyFile;
    QLineEdit *m_passphrase;
    QLineEdit *m_certificateFile;
    QLabel *m_keyStatus;
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
