#pragma once

#include <QDialog>

class QTextBrowser;

namespace budgetdesk::ui {

// 帮助 › 使用指南: a short guide for merchant operations staff — how a change goes, what each
// outcome means and what to do next. Non-modal, so it can stay open beside the window while a
// change is made; its text follows the UI's language.
class UserGuide : public QDialog
{
    Q_OBJECT

public:
    // `auditDatabase`: where this window's audit log is, named in the guide as it is.
    explicit UserGuide(const QString &auditDatabase, QWidget *parent = nullptr);

    QString text() const; // the guide as plain text
    QTextBrowser *browser() const { return m_browser; }

    // The page the guide's link opens (修改批次预算).
    static const char *const ApiDocumentationUrl;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QString m_auditDatabase;
    QTextBrowser *m_browser;
};

} // namespace budgetdesk::ui
