#include "StatusColours.h"

#include <QPalette>

#include <cmath>

namespace budgetdesk::ui {

namespace {

double luminance(const QColor &colour)
{
    auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

} // namespace

bool StatusColours::isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Window)) < luminance(palette.color(QPalette::WindowText));
}

QColor StatusColours::badge(StatusTone tone)
{
    switch (tone) {
    case StatusTone::Success:
        return QColor(0x19, 0x6f, 0x3d);
    case StatusTone::Failure:
        return QColor(0xb0, 0x3a, 0x2e);
    case StatusTone::Warning:
        break;
    }
    return QColor(0x8a, 0x57, 0x00); // the old #b9770e read at 3.2:1 on a light window
}

QColor StatusColours::text(StatusTone tone, const QPalette &palette)
{
    if (!isDark(palette))
        return badge(tone);
    switch (tone) {
    case StatusTone::Success:
        return QColor(0x6f, 0xdc, 0x9b);
    case StatusTone::Failure:
        return QColor(0xff, 0x8a, 0x80);
    case StatusTone::Warning:
        break;
    }
    return QColor(0xf8, 0xc4, 0x71);
}

QString StatusColours::textStyle(StatusTone tone, const QPalette &palette, bool bold)
{
    return QStringLiteral("color: %1;%2")
        .arg(text(tone, palette).name(), bold ? QStringLiteral(" font-weight: bold;") : QString());
}

double StatusColours::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace budgetdesk::ui
