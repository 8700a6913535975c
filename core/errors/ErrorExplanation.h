#pragma once

#include <QString>

namespace budgetdesk {

// What a failure means and what to do about it: Chinese first (the users' language), with
// one English text for the rest.
struct ErrorExplanation
{
    QString explanationZh;
    QString solutionZh;
    QString en;

    bool isEmpty() const { return explanationZh.isEmpty(); }
};

} // namespace budgetdesk
