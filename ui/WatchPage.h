#pragma once

#include "common/Result.h"
#include "watch/LookupPacer.h"
#include "watch/ProfileWatch.h"
#include "watch/ThresholdAlarm.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

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
} // namespace budgetdesk

namespace budgetdesk::ui {

class RemainingChartView;
class WatchTableModel;

// The 监控 tab: the profile's watchlist with what is left of each batch, today's pace and when
// it runs out, a 24-hour sparkline per row and a larger chart of the selected one — or, as an
// option, every profile's watchlist in one table, each looked up with its own profile. Refreshed on
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
    // For the option of every profile's rows: the other profiles, and how one of them is opened
    // without asking anything (a session being prepared — its ready() follows — or why there is
    // none). Sessions are asked for while
    // the option is on; the page keeps no session past the next setSession/setOtherProfiles.
    using SessionOpener = std::function<Result<ProfileSession *, BilingualText>(const QString &profile)>;
    void setOtherProfiles(const QStringList &names, SessionOpener opener);
    void setAllProfiles(bool on);
    bool showsAllProfiles() const;
    void setAuditLog(AuditLog *log) { m_log = log; }
    // Where the tab's own settings (refresh interval, default thresholds, quiet hours, grouping)
    // are kept between runs; read now, written on every change. nullptr (demo mode): not kept.
    void useSettings(QSettings *settings);

    // The profile in use (board 0 of the table); with every profile's rows, the others follow.
    const WatchBoard &board() const { return current().board(); }
    const Watchlist &watchlist() const { return current().list(); }
    const QList<ProfileWatch *> &watches() const { return m_watches; }
    WatchTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    RemainingChartView *chartView() const { return m_chart; }
    const LookupPacer &pacer() const { return m_pacer; }
    // The app's one pacer: bulk runs go through it too, so that together they keep its rate.
    LookupPacer &sharedPacer() { return m_pacer; }
    bool isRefreshing() const;
    int lowCount() const;

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
    // A double-click: that batch on the budget page, with the profile whose row it is.
    void openRequested(const QString &profile, const budgetdesk::StockKey &key);
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    ProfileWatch &current() const { return *m_watches.first(); }
    void rebuildWatches(); // the profile in use, and the others when all are shown
    ProfileWatch *addWatch(const QString &profileName, ProfileSession *session, bool awaitReady = false);
    void listChanged(ProfileWatch &watch); // its list was edited: saved, rows re-read
    WatchRowRef selected() const;
    void watchRefreshed();
    void announce(const WatchRowRef &ref);
    void showSelected();
    void showNotice(const QString &text, bool failure);
    void thresholdsChanged();
    void saveSettings() const;

    ProfileSession *m_session = nullptr;
    AuditLog *m_log = nullptr;
    QSettings *m_settings = nullptr;
    QString m_profileName;
    QString m_folder;
    QStringList m_otherProfiles;
    SessionOpener m_opener;
    LookupPacer m_pacer; // before the watches: their refreshes take queued lookups back from it
    QList<ProfileWatch *> m_watches; // never empty; the profile in use first
    QTimer m_auto;
    std::optional<QuietHours> m_quiet;
    QList<WatchRowRef> m_held; // alerts that fell in quiet hours
    QDateTime m_lastRefresh;
    bool m_refreshing = false;

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
    QCheckBox *m_allProfiles;
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
