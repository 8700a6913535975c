#pragma once

#include "common/BilingualText.h"

#include <QObject>
#include <QTranslator>

#include <memory>

namespace budgetdesk::ui {

// The window's language: Chinese on a Chinese system, English otherwise, switchable at run
// time. Core texts come in both languages (BilingualText); the window's own strings through
// Qt's translator (resources/translations/budgetdesk_zh_CN.ts).
class UiLanguage : public QObject
{
    Q_OBJECT

public:
    static UiLanguage &instance();

    Language current() const { return m_language; }
    void apply(Language language); // installs or removes the translators
    static Language systemDefault();

    // The text of `bilingual` in the current language.
    static QString pick(const BilingualText &bilingual) { return bilingual.in(instance().current()); }

Q_SIGNALS:
    void changed(budgetdesk::Language language);

private:
    UiLanguage() = default;
    Language m_language = Language::English;
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace budgetdesk::ui
