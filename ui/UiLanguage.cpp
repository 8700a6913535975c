#include "UiLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace budgetdesk::ui {

UiLanguage &UiLanguage::instance()
{
    static UiLanguage language;
    return language;
}

Language UiLanguage::systemDefault()
{
    return QLocale().language() == QLocale::Chinese ? Language::Chinese : Language::English;
}

void UiLanguage::apply(Language language)
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_app.reset();
    m_qt.reset();
    if (language == Language::Chinese) {
        m_app = std::make_unique<QTranslator>();
        if (m_app->load(QStringLiteral(":/i18n/budgetdesk_zh_CN.qm")))
            QCoreApplication::installTranslator(m_app.get());
        // Qt's own dialogs (buttons, file pickers) where the Qt translations are installed.
        m_qt = std::make_unique<QTranslator>();
        if (m_qt->load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"), QStringLiteral("_"),
                       QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qt.get());
    }
    m_language = language;
    Q_EMIT changed(language); // widgets also get QEvent::LanguageChange
}

} // namespace budgetdesk::ui
