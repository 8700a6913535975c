#include "UiLanguage.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>

namespace budgetdesk::ui {

namespace {

// Qt's own Chinese catalogue (standard buttons, file dialogs): where the Qt in use keeps its
// translations (a system Qt; qt.conf's Translations on Windows), then where the installers put
// them — translations\ beside bin\ on Windows, Contents/Resources/translations in the macOS
// bundle. `qt_zh_CN` (what windeployqt and qt_deploy_translations write) includes qtbase.
std::unique_ptr<QTranslator> qtCatalogue(const QLocale &locale)
{
    const QString application = QCoreApplication::applicationDirPath();
    const QStringList folders{
        QLibraryInfo::path(QLibraryInfo::TranslationsPath), application + QStringLiteral("/../translations"),
        application + QStringLiteral("/translations"), application + QStringLiteral("/../Resources/translations")};
    for (const QString &folder : folders) {
        for (const QString &catalogue : {QStringLiteral("qt"), QStringLiteral("qtbase")}) {
            auto translator = std::make_unique<QTranslator>();
            if (translator->load(locale, catalogue, QStringLiteral("_"), QDir::cleanPath(folder))
                && !translator->isEmpty())
                return translator;
        }
    }
    return nullptr;
}

} // namespace

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
        m_qt = qtCatalogue(QLocale(QLocale::Chinese, QLocale::China));
        if (m_qt)
            QCoreApplication::installTranslator(m_qt.get());
    }
    m_language = language;
    Q_EMIT changed(language); // widgets also get QEvent::LanguageChange
}

} // namespace budgetdesk::ui
