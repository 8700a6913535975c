#pragma once

#include "watch/LookupPacer.h"
#include "watch/ThresholdAlarm.h"
#include "watch/WatchBoard.h"
#include "watch/Watchlist.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QSettings;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimeEdit;

namespace budgetdesk {
class AuditLog;
class ProfileSession;
class WatchRefresh;
} // namespace budgetdesk

namespace budgetdesk::ui {

class RemainingChartView;
class WatchTableModel;

// The 监控 tab: the profile's watchlist with what is left of each batch, today's pace and when
// it runs out, a 24-hour sparkline per row and a larger chart of the selected one. Refreshed on
// demand and every few minutes through the app's one lookup pacer (5 a second, slower after a
// 429); only verified answers change a row. A batch crossing its threshold is announced once —
// in the window and by the system tray where there is one — and again only after it recovered.
class WatchPage : public QWidget
{
    Q_OBJECT

public:
    explicit WatchPage(QWidget *parent = nullptr);
    ~WatchPage() override;

    // The profile in use (nullptr: none); its watchlist and samples live in `folder`.
    void setSession(ProfileSession *session, const QString &profileName, const QString &folder);
    void setAuditLog(AuditLog *log) { m_log = log; }
    // Where the tab's own settings (refresh interval, default thresholds, quiet hours, grouping)
    // are kept between runs; read now, written on every change. nullptr (demo mode): not kept.
    void useSettings(QSettings *settings);

    const WatchBoard &board() const { return m_board; }
    const Watchlist &watchlist() const { return m_list; }
    WatchTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    RemainingChartView *chartView() const { return m_chart; }
    bool isRefreshing() const { return !m_refresh.isNull(); }
    int lowCount() const { return m_board.lowCount(); }

    // One ID per line (or separated by commas, tabs, spaces), as pasted from a spreadsheet:
    // 商家券 STOCK_ID or 商品券 PRODUCT_COUPON_ID:STOCK_ID. Returns how many were added; what
    // could not be read is said in the notice line.
    int addFromText(const QString &text);
    // Every batch this profile's audit log has a change of.
    int addFromHistory();
    bool importFrom(const QString &path);
    bool exportTo(const QString &path) const;
    void removeSelected();
    void moveSelected(int by);
    void setAutoRefreshMinutes(int minutes); // 0: off
    void setQuietHours(std::optional<QuietHours> quiet) { m_quiet = quiet; }
    void setGrouping(WatchBoard::Grouping grouping);
    // The selected batch's own thresholds, as "P, H" (percent, hours); empty: the defaults again.
    bool setSelectedThresholds(const QString &text);
    // A batch of a 商品券's list, picked in the batch list (BatchPicker).
    void addFromProductCouponList();

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void lowCountChanged(int count);
    // A batch crossed its threshold (outside quiet hours): for the tray.
    void alerted(const QString &title, const QString &text);
    void openRequested(const budgetdesk::StockKey &key);
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void listChanged(); // the list was edited: saved, rows re-read
    void lookedUp(int index, const StockQueryResult &result);
    void refreshFinished();
    void announce(int boardIndex);
    void showSelected();
    void showNotice(const QString &text, bool failure);
    void thresholdsChanged();
    void saveSettings() const;
    QString watchlistPath() const;
    QString samplesPath() const;

    ProfileSession *m_session = nullptr;
    AuditLog *m_log = nullptr;
    QSettings *m_settings = nullptr;
    QString m_profileName;
    QString m_folder;
    Watchlist m_list;
    WatchBoard m_board;
    LookupPacer m_pacer;
    QPointer<WatchRefresh> m_refresh;
    QTimer m_auto;
    std::optional<QuietHours> m_quiet;
    QList<int> m_held; // alerts that fell in quiet hours (board indexes)
    QDateTime m_lastRefresh;

    QPushButton *m_refreshButton;
    QCheckBox *m_autoCheck;
    QSpinBox *m_autoMinutes;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QPushButton *m_more;
    QLabel *m_thresholdCaption;
    QDoubleSpinBox *m_lowPercent;
    QDoubleSpinBox *m_lowHours;
    QPushButton *m_rowThresholds;
    QComboBox *m_grouping;
    QCheckBox *m_quietCheck;
    QTimeEdit *m_quietFrom;
    QTimeEdit *m_quietTo;
    QLabel *m_notice;
    QTableView *m_view;
    WatchTableModel *m_model;
    RemainingChartView *m_chart;
    QLabel *m_status;
};

} // namespace budgetdesk::ui
