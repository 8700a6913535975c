#pragma once

#include "busifavor/BudgetOutcome.h"
#include "busifavor/StockQueryResult.h"

#include <QFrame>

#include <optional>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace budgetdesk::ui {

// How the last action ended, for a person: a 已验签 badge with the new caps, or the error
// with its explanation and solution, or the reconciled outcome and what was checked; the
// Request-ID to copy; for a reconciled outcome, the raw causes folded away under 原因; the signing-string diagnosis for
// a SIGN_ERROR; the clock offset.
class ResultPanel : public QFrame
{
    Q_OBJECT

public:
    explicit ResultPanel(QWidget *parent = nullptr);

    // `stoppedIssuing`: the change set the total to what the batch had issued (a stop).
    void showOutcome(const BudgetOutcome &outcome, bool stoppedIssuing = false);
    void showLookupFailure(const StockQueryResult &result);
    void clear();
    // After the user stopped waiting and the change took effect anyway: a button that
    // prepares a new change back to `startingValue` (sent, as any change, after confirming).
    void offerRevert(qint64 startingValue);

    QString badgeText() const;
    QByteArray requestId() const { return m_requestId; }

public Q_SLOTS:
    void copyRequestId();

Q_SIGNALS:
    void revertRequested();

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    enum class Tone { Success, Failure, Warning };
    void present(Tone tone, const QString &badge, const QStringList &details, const QByteArray &requestId,
                 const QStringList &causes = {}, const QString &diagnosis = {});
    static QStringList attemptLines(const BudgetOutcome &outcome);
    void render();

    std::optional<BudgetOutcome> m_outcome;
    bool m_stoppedIssuing = false;
    std::optional<StockQueryResult> m_lookup;
    QByteArray m_requestId;
    QLabel *m_badge;
    QTextBrowser *m_details;
    QPushButton *m_copy;
    QPushButton *m_revert;
    std::optional<qint64> m_revertTo;
    bool m_painted = false; // the idle guide is written once the panel has first been painted
    QPushButton *m_causesToggle;
    QTextBrowser *m_causes;
    QPushButton *m_diagnosisToggle;
    QTextBrowser *m_diagnosis;
};

} // namespace budgetdesk::ui
