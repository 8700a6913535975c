#pragma once

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace budgetdesk {
struct MerchantProfile;
}

namespace budgetdesk::ui {

// Which 商品券 the batch ID belongs to, and for whom it is asked: the product coupon ID that
// every 商品券 path names, and — for a 服务商 profile — the brand it acts for, chosen from the
// brands the profile lists. A brand profile calls as itself: its brand is shown, not chosen.
class ProductCouponScope : public QWidget
{
    Q_OBJECT

public:
    explicit ProductCouponScope(QWidget *parent = nullptr);

    // The profile in use (nullptr: none). Its brands fill the chooser.
    void setProfile(const MerchantProfile *profile);
    void setProductCouponId(const QString &id);
    void setBrand(const QString &brandId); // one of the profile's brands; others are ignored
    void setReadOnly(bool readOnly);

    QString productCouponId() const;
    // The brand a 服务商 acts for; empty for a brand profile (its signature names it).
    QString brandId() const;
    // Why no 商品券 request can be made from what is filled in, or nothing.
    std::optional<QString> problem() const;

Q_SIGNALS:
    void lookUpRequested(); // Enter in the product coupon ID
    void scopeChanged(); // another product coupon or brand: a batch of the old one is not this one's

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    bool m_brandProfile = false;
    QString m_ownBrand;
    bool m_hasProfile = false;
    QLabel *m_idCaption;
    QLineEdit *m_productCouponId;
    QLabel *m_brandCaption;
    QComboBox *m_brands;
    QLabel *m_ownBrandLabel;
};

} // namespace budgetdesk::ui
