#pragma once

#include "busifavor/BudgetChange.h"
#include "busifavor/BudgetProblem.h"
#include "busifavor/StockDetails.h"

#include <QGroupBox>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace budgetdesk::ui {

class CountField;

// The change being prepared: one dimension, the current value from the lookup (read-only
// unless deliberately unlocked), the target, the request number. What the boxes show is what
// would be sent: typed text is never clamped or rewritten, so input out of range stays in
// view, marked, with the reason next to it. Validated on every edit; `change()` is set only
// when nothing blocks sending.
class BudgetForm : public QGroupBox
{
    Q_OBJECT

public:
    explicit BudgetForm(QWidget *parent = nullptr);

    // `brandId`: for a 商品券 batch, the brand a 服务商 acts for (empty for a brand profile).
    void setStock(const std::optional<StockDetails> &stock, const QString &mchid, const QString &brandId = {});
    // The 商品券 batch shown is one of a group (批次组), and these are all its batches: the change
    // becomes the group's, validated against every batch. Empty: not (or not yet) known, and a
    // batch of a group cannot be changed.
    void setBundle(const QList<StockDetails> &bundle);
    bool isBundleChange() const { return !m_bundle.isEmpty(); }
    // The same batch looked up again just before sending: what was typed and the request
    // number stay; the current value follows the batch, and a stop follows what it has
    // issued by now (a stop based on an old issued count would be refused or leave a gap).
    void refreshStock(const StockDetails &fresh);
    void setLocked(bool locked); // while sending
    // Server time minus local time, as last measured: a warning before signing when it is
    // large enough to matter (beyond 5 minutes every signature is refused).
    void setClockOffset(std::optional<qint64> offsetSeconds);
    // Something outside the change that forbids sending (an unusable audit log).
    void setBlockedBy(const std::optional<BilingualText> &reason);
    // After a definite outcome the next edit is a new change with a new request number.
    // After an uncertain one the number stays for a retry of the same change — and only for
    // that: an edit that makes it a different change gets a new number, with 重试同一修改
    // offered to go back to the unconfirmed one.
    void finishChange(bool definite);
    // The form holds the unconfirmed change under its own request number, to send it again.
    bool isRetryOfUnconfirmed() const;

    // Fills the form with a new change of `dimension` to `target` (say, back to where an
    // applied change started), under a new request number; it is sent like any other.
    void prepareChange(BudgetDimension dimension, qint64 target);

    std::optional<BudgetChange> change() const;
    void focusTarget(); // after a lookup: the next thing to type
    QList<BudgetProblem> problems() const { return m_problems; }
    // "50000 → 60000 (+10000)"
    static QString describe(qint64 current, qint64 target);
    // Merchant coupons have no stop call: a batch stops issuing when its total equals what
    // it has already issued. True when `change` is exactly that.
    static bool stopsIssuing(const BudgetChange &change, const StockDetails &stock);

Q_SIGNALS:
    void validityChanged(bool valid);
    void sendRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void dimensionChanged();
    void startNewChange();
    void stopIssuing();
    bool canStopIssuing() const;
    void edited();
    void generateRequested();
    void retryUnconfirmed();
    void updateRetryNotice();
    void revalidate();
    BudgetDimension dimension() const;
    BudgetChange draft() const;
    bool isAbout(const BudgetChange &change) const; // the batch (or group) in view

    std::optional<StockDetails> m_stock;
    QList<StockDetails> m_bundle;
    QString m_mchid;
    QString m_brandId;
    bool m_numberUsed = false;
    bool m_locked = false;
    std::optional<BudgetChange> m_unconfirmed; // the last change, if its outcome is not known
    QList<BudgetProblem> m_problems;
    QStringList m_inputProblems; // typed text that is not a count at all
    std::optional<qint64> m_clockOffset;
    std::optional<BilingualText> m_blockedBy;

    QLabel *m_dimensionCaption;
    QRadioButton *m_total;
    QRadioButton *m_perDay;
    QLabel *m_currentCaption;
    CountField *m_current;
    QCheckBox *m_unlockCurrent;
    QLabel *m_targetCaption;
    CountField *m_target;
    QLabel *m_delta;
    QPushButton *m_stopIssuing;
    QLabel *m_numberCaption;
    QLineEdit *m_requestNumber;
    QPushButton *m_generate;
    QLabel *m_bundleNotice;
    QLabel *m_retryNotice;
    QPushButton *m_retrySame;
    QLabel *m_problem;
    QLabel *m_clockWarning;
    QPushButton *m_send;
};

} // namespace budgetdesk::ui
