#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace budgetdesk::ui {

// The colours that carry a status — success, failure, warning — chosen for the palette in use:
// deep tones on a light palette, light ones on a dark palette (Windows and macOS dark mode,
// which Qt 6.8 follows), each readable against the window background (contrast ≥ 4.5:1).
enum class StatusTone { Success, Failure, Warning };

class StatusColours
{
public:
    static QColor text(StatusTone tone, const QPalette &palette);
    // A style sheet fragment: "color: #rrggbb;" (and bold when asked).
    static QString textStyle(StatusTone tone, const QPalette &palette, bool bold = false);
    // A badge: white text on a deep tone, the same on both palettes.
    static QColor badge(StatusTone tone);
    static bool isDark(const QPalette &palette);
    // WCAG 2 contrast ratio of two colours, 1 to 21.
    static double contrast(const QColor &a, const QColor &b);
};

} // namespace budgetdesk::ui
