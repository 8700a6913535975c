#pragma once

#include "busifavor/BudgetOutcome.h"
#include "busifavor/StockQueryResult.h"

#include <chrono>
#include <functional>

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace budgetdesk {
class AuditTrail;
class BudgetModification;
class ProfileSession;
class StockListQuery;
class StockQuery;
} // namespace budgetdesk

namespace budgetdesk::ui {

class BatchPicker;
class BudgetForm;
class ProductCouponScope;
class ResultPanel;
class StockCard;

// The main tab: look a batch up, prepare one change, confirm, send, and see how it ended.
class BudgetPage : public QWidget
{
    Q_OBJECT

public:
    explicit BudgetPage(QWidget *parent = nullptr);

    // The profile in use and its audit trail; nullptr when there is none.
    void setSession(ProfileSession *session, AuditTrail *trail);
    bool isBusy() const;
    bool hasSession() const { return m_session != nullptr; }
    // Demo mode: a picker of the simulator's batches ("stock_id  name"), so that nobody has
    // to guess an ID; the first one is pre-filled.
    void suggestBatches(const QStringList &labels);
    // 商家券 or 商品券: which batches the ID names (and which call changes them).
    void setFamily(CouponFamily family);
    CouponFamily family() const;
    // A 商品券 batch: which product coupon (and, for a 服务商, brand) the batch ID belongs to.
    ProductCouponScope *productCouponScope() const { return m_scope; }
    // The audit log cannot be used: every change is refused (it must be recorded before it is
    // sent), with the reason beside 发送.
    void setAuditProblem(const std::optional<BilingualText> &problem);
    // How long a lookup is trusted for a change: older ones are repeated before sending, since
    // the batch keeps issuing and others may have changed it. A stop is always looked up again.
    void setLookupLifetime(std::chrono::milliseconds lifetime) { m_lookupLifetime = lifetime; }
    static constexpr std::chrono::milliseconds DefaultLookupLifetime = std::chrono::minutes(3);

    // From elsewhere (the 监控 tab): this batch, looked up now (unless busy).
    void openBatch(const StockKey &key);

public Q_SLOTS:
    void lookUp();
    // 商品券: the batch list of the product coupon typed, to pick a batch from.
    void pickBatch();
    void send();
    void cancel();

Q_SIGNALS:
    void changeFinished(const budgetdesk::BudgetOutcome &outcome);
    // A lookup or change started or ended: while busy, the session must not be swapped away
    // (its client owns the change in flight).
    void busyChanged(bool busy);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void setBusy(const QString &what);
    void lookupFinished(const StockQueryResult &result);
    StockKey keyFor(const QString &stockId) const;
    QString brandForRequests() const; // the brand a 服务商 acts for; empty otherwise
    void showStock(const std::optional<StockDetails> &stock);
    // A 商品券 batch of a group: every batch of the group is read (verified) before it can be
    // changed, since the change is the group's. `then` runs with the verified list.
    void readBundle(std::function<void(const QList<StockDetails> &)> then);
    void familyChanged();
    void sendFinished(const BudgetOutcome &outcome);
    void refreshBeforeSending();
    void confirmAndSend(const BudgetChange &change, const QStringList &notes);
    QString confirmationText(const BudgetChange &change, const QStringList &notes) const;
    std::optional<QString> secondConfirmation(const BudgetChange &change) const;
    void normaliseStockId();
    void showProblem(const QString &text); // why nothing was asked, in red beside the batch ID
    void prepareRevert();

    ProfileSession *m_session = nullptr;
    AuditTrail *m_trail = nullptr;
    std::optional<StockDetails> m_stock;
    QList<StockDetails> m_bundle; // m_stock's group, when it is in one and it was read
    QElapsedTimer m_lookedUp; // since m_stock was last verified by WeChat Pay
    std::chrono::milliseconds m_lookupLifetime = DefaultLookupLifetime;
    QPointer<StockQuery> m_query;
    QPointer<StockListQuery> m_bundleQuery;
    QPointer<BatchPicker> m_picker;
    QPointer<BudgetModification> m_modification;
    std::optional<BudgetOutcome> m_lastOutcome;
    bool m_stockIdValid = true;
    bool m_requestLeft = false; // the change in flight has been written out in full
    bool m_stoppedWaiting = false; // … and the user stopped waiting for its answer

    QComboBox *m_family;
    ProductCouponScope *m_scope;
    QLabel *m_stockCaption;
    QLineEdit *m_stockId;
    QLabel *m_stockIdHint;
    QPushButton *m_lookUp;
    QPushButton *m_pick; // 商品券: from the batch list
    QComboBox *m_suggestions;
    StockCard *m_card;
    BudgetForm *m_form;
    QProgressBar *m_busy;
    QLabel *m_busyText;
    QPushButton *m_cancel;
    ResultPanel *m_result;
};

} // namespace budgetdesk::ui
