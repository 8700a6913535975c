#include "ProductCouponScope.h"

#include "productcoupon/ProductCouponApi.h"
#include "profile/MerchantProfile.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace budgetdesk::ui {

ProductCouponScope::ProductCouponScope(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("productCouponScope"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_idCaption = new QLabel(this);
    m_productCouponId = new QLineEdit(this);
    m_productCouponId->setObjectName(QStringLiteral("productCouponIdEdit"));
    m_idCaption->setBuddy(m_productCouponId);
    // Room for a whole ID: the row shares its width with the batch ID.
    m_productCouponId->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00000000000")) + 12);
    m_brandCaption = new QLabel(this);
    m_brands = new QComboBox(this);
    m_brands->setObjectName(QStringLiteral("brandChooser"));
    m_brandCaption->setBuddy(m_brands);
    m_ownBrandLabel = new QLabel(this);
    m_ownBrandLabel->setObjectName(QStringLiteral("ownBrand"));
    row->addWidget(m_idCaption);
    row->addWidget(m_productCouponId, 1);
    row->addWidget(m_brandCaption);
    row->addWidget(m_brands);
    row->addWidget(m_ownBrandLabel);

    connect(m_productCouponId, &QLineEdit::returnPressed, this, &ProductCouponScope::lookUpRequested);
    connect(m_productCouponId, &QLineEdit::textEdited, this, &ProductCouponScope::scopeChanged);
    connect(m_brands, &QComboBox::currentIndexChanged, this, &ProductCouponScope::scopeChanged);
    retranslate();
    setProfile(nullptr);
}

void ProductCouponScope::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ProductCouponScope::retranslate()
{
    m_idCaption->setText(tr("&Product coupon ID"));
    m_productCouponId->setPlaceholderText(tr("商品券ID, e.g. 1000000013"));
    m_productCouponId->setToolTip(
        tr("product_coupon_id: the product coupon (商品券) the batch belongs to. Every 商品券 "
           "request names it together with the batch."));
    m_brandCaption->setText(tr("Brand"));
    m_brands->setToolTip(tr("brand_id: the brand this service provider (服务商) acts for. The profile lists the brands "
                            "it serves (Profile › Edit…)."));
    if (m_brandProfile)
        m_ownBrandLabel->setText(tr("Brand %1 (this profile)").arg(m_ownBrand));
}

void ProductCouponScope::setProfile(const MerchantProfile *profile)
{
    const QString previous = m_brands->currentText();
    const QSignalBlocker block(m_brands);
    m_hasProfile = profile != nullptr;
    m_brandProfile = profile && profile->isBrand();
    m_ownBrand = m_brandProfile ? profile->brandId : QString();
    m_brands->clear();
    if (profile && !m_brandProfile)
        m_brands->addItems(profile->brands);
    if (const int index = m_brands->findText(previous); index >= 0)
        m_brands->setCurrentIndex(index);
    m_brandCaption->setVisible(!m_brandProfile);
    m_brands->setVisible(!m_brandProfile);
    m_ownBrandLabel->setVisible(m_brandProfile);
    retranslate();
}

void ProductCouponScope::setProductCouponId(const QString &id)
{
    m_productCouponId->setText(id);
}

void ProductCouponScope::setBrand(const QString &brandId)
{
    if (const int index = m_brands->findText(brandId); index >= 0)
        m_brands->setCurrentIndex(index);
}

void ProductCouponScope::setReadOnly(bool readOnly)
{
    m_productCouponId->setReadOnly(readOnly);
    m_brands->setEnabled(!readOnly);
}

QString ProductCouponScope::productCouponId() const
{
    return m_productCouponId->text().trimmed();
}

QString ProductCouponScope::brandId() const
{
    return m_brandProfile ? QString() : m_brands->currentText();
}

std::optional<QString> ProductCouponScope::problem() const
{
    const QString id = productCouponId();
    if (id.isEmpty())
        return tr("Type the product coupon ID (商品券ID) the batch belongs to.");
    if (!ProductCouponApi::isValidProductCouponId(id))
        return tr("✘ A product coupon ID is 1–40 letters, digits, “_” or “-”; “%1” is not one.").arg(id);
    if (m_hasProfile && !m_brandProfile && m_brands->count() == 0)
        return tr("✘ This profile lists no brand it serves as a service provider (服务商): add the brand_id under "
                  "Profile › Edit…, or use the brand's own profile.");
    return std::nullopt;
}

} // namespace budgetdesk::ui
