#pragma once

#include "busifavor/StockDetails.h"

#include <QGroupBox>

#include <optional>

class QLabel;

namespace budgetdesk::ui {

// The batch as last looked up: name, state, validity, caps, issued counts and what remains to
// issue (in total and today), the coupon's kind and value, per-user limit, code mode (and the
// uploaded code pool), remark, owner, and when it was looked up. A 商品券 batch shows the same
// rows under its own names (发放次数总上限, 每日发放次数上限 or 不限, 已发放总次数 …), its product
// coupon, brand and group.
class StockCard : public QGroupBox
{
    Q_OBJECT

public:
    explicit StockCard(QWidget *parent = nullptr);
    void setStock(const std::optional<StockDetails> &stock);
    // A 商品券 batch of a group (批次组): every batch of the group, as last read.
    void setBundle(const QList<StockDetails> &bundle);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refresh();
    QList<QLabel *> valueLabels() const;
    QString couponText(const StockDetails &stock) const;
    QString codesText(const StockDetails &stock) const;
    QString productCouponText(const StockDetails &stock) const;
    QString bundleText(const StockDetails &stock) const;

    std::optional<StockDetails> m_stock;
    QList<StockDetails> m_bundle;
    QList<QLabel *> m_captions;
    QLabel *m_name;
    QLabel *m_state;
    QLabel *m_window;
    QLabel *m_total;
    QLabel *m_perDay;
    QLabel *m_issued;
    QLabel *m_issuedToday;
    QLabel *m_remaining;
    QLabel *m_remainingToday;
    QLabel *m_coupon;
    QLabel *m_perUser;
    QLabel *m_codes;
    QLabel *m_comment;
    QLabel *m_owner;
    QLabel *m_lookedUp;
};

} // namespace budgetdesk::ui
