#pragma once

#include "productcoupon/StockListQuery.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace budgetdesk {
class BusifavorClient;
}

namespace budgetdesk::ui {

// The batches of one 商品券, as its list call gives them — every page, each verified — to pick
// one instead of typing its ID: filtered by state and searched by batch ID or remark, in this
// window (the list is read once; filtering does not ask WeChat Pay again).
class BatchPicker : public QDialog
{
    Q_OBJECT

public:
    BatchPicker(BusifavorClient &client, QString productCouponId, QString brandId, QWidget *parent = nullptr);
    ~BatchPicker() override;

    // Reads the list (again); the table fills when the last page has arrived.
    void load();
    QString chosenStockId() const;
    int shownRows() const; // after the filter and the search

Q_SIGNALS:
    void listLoaded(const budgetdesk::StockListResult &result);

private:
    void listFinished(const StockListResult &result);
    void applyFilter();
    void updateChoice();

    BusifavorClient &m_client;
    QString m_productCouponId;
    QString m_brandId;
    QPointer<StockListQuery> m_query;
    QLabel *m_status;
    QComboBox *m_state;
    QLineEdit *m_search;
    QPushButton *m_reload;
    QTableWidget *m_table;
    QDialogButtonBox *m_buttons;
};

} // namespace budgetdesk::ui
