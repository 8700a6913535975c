#include "WatchPage.h"

#include "BatchPicker.h"
#include "Dialogs.h"
#include "RemainingChartView.h"
#include "ScrollingPage.h"
#include "StatusColours.h"
#include "UiLanguage.h"
#include "WatchTableModel.h"
#include "audit/AuditLog.h"
#include "productcoupon/ProductCouponApi.h"
#include "profile/ProfileSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace budgetdesk::ui {

namespace {

// The remaining column's bar and the trend column's sparkline, under the text.
class WatchRowDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        if (index.column() == WatchTableModel::Remaining) {
            const QVariant share = index.data(WatchTableModel::ShareRole);
            if (share.isValid()) {
                const double percent = share.toDouble();
                WatchRowPainter::bar(*painter, option.rect, percent,
                                     percent < 10 ? QColor(192, 57, 43) : QColor(39, 174, 96));
            }
        } else if (index.column() == WatchTableModel::Trend) {
            const bool selected = option.state & QStyle::State_Selected;
            WatchRowPainter::sparkline(
                *painter, option.rect, index.data(WatchTableModel::PointsRole).value<QList<QPointF>>(),
                selected ? option.palette.color(QPalette::HighlightedText) : QColor(41, 128, 185));
        }
    }
};

} // namespace

WatchPage::WatchPage(QWidget *parent)
    : QWidget(parent)
    , m_pacer(LookupPacer::DefaultPerSecond)
{
    setObjectName(QStringLiteral("watchPage"));
    QVBoxLayout *layout = scrollingContent(this);

    auto *actions = new QHBoxLayout;
    m_refreshButton = new QPushButton(this);
    m_refreshButton->setObjectName(QStringLiteral("watchRefresh"));
    m_autoCheck = new QCheckBox(this);
    m_autoCheck->setObjectName(QStringLiteral("watchAuto"));
    m_autoCheck->setChecked(true);
    m_autoMinutes = new QSpinBox(this);
    m_autoMinutes->setObjectName(QStringLiteral("watchAutoMinutes"));
    m_autoMinutes->setRange(1, 60);
    m_autoMinutes->setValue(5);
    m_add = new QPushButton(this);
    m_add->setObjectName(QStringLiteral("watchAdd"));
    m_remove = new QPushButton(this);
    m_remove->setObjectName(QStringLiteral("watchRemove"));
    m_up = new QPushButton(QStringLiteral("↑"), this);
    m_up->setObjectName(QStringLiteral("watchUp"));
    m_down = new QPushButton(QStringLiteral("↓"), this);
    m_down->setObjectName(QStringLiteral("watchDown"));
    m_more = new QPushButton(this);
    m_more->setObjectName(QStringLiteral("watchMore"));
    for (QWidget *w : std::initializer_list<QWidget *>{m_refreshButton, m_autoCheck, m_autoMinutes, m_add, m_remove,
                                                       m_up, m_down, m_more})
        actions->addWidget(w);
    actions->addStretch();
    layout->addLayout(actions);

    auto *thresholds = new QHBoxLayout;
    m_thresholdCaption = new QLabel(this);
    m_lowPercent = new QDoubleSpinBox(this);
    m_lowPercent->setObjectName(QStringLiteral("watchLowPercent"));
    m_lowPercent->setRange(0, 100);
    m_lowPercent->setDecimals(0);
    m_lowPercent->setValue(LowThresholds{}.percent);
    m_lowPercent->setSuffix(QStringLiteral(" %"));
    m_lowHours = new QDoubleSpinBox(this);
    m_lowHours->setObjectName(QStringLiteral("watchLowHours"));
    m_lowHours->setRange(0, 168);
    m_lowHours->setDecimals(1);
    m_lowHours->setValue(LowThresholds{}.hours);
    m_rowThresholds = new QPushButton(this);
    m_rowThresholds->setObjectName(QStringLiteral("watchRowThresholds"));
    m_grouping = new QComboBox(this);
    m_grouping->setObjectName(QStringLiteral("watchGrouping"));
    m_grouping->addItem(QString(), int(WatchBoard::Grouping::None));
    m_grouping->addItem(QString(), int(WatchBoard::Grouping::Owner));
    m_grouping->addItem(QString(), int(WatchBoard::Grouping::Profile));
    m_allProfiles = new QCheckBox(this);
    m_allProfiles->setObjectName(QStringLiteral("watchAllProfiles"));
    m_quietCheck = new QCheckBox(this);
    m_quietCheck->setObjectName(QStringLiteral("watchQuiet"));
    m_quietFrom = new QTimeEdit(QTime(22, 0), this);
    m_quietTo = new QTimeEdit(QTime(8, 0), this);
    for (QWidget *w : std::initializer_list<QWidget *>{m_thresholdCaption, m_lowPercent, m_lowHours, m_rowThresholds,
                                                       m_grouping, m_allProfiles, m_quietCheck, m_quietFrom, m_quietTo})
        thresholds->addWidget(w);
    thresholds->addStretch();
    layout->addLayout(thresholds);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("watchNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    layout->addWidget(m_notice);

    m_model = new WatchTableModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("watchTable"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new WatchRowDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    // Numbers as wide as they are, the name taking what is left, the sparkline a fixed strip.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(WatchTableModel::Name, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(WatchTableModel::Trend, QHeaderView::Fixed);
    m_view->setColumnWidth(WatchTableModel::Trend, 110);
    m_view->setColumnHidden(WatchTableModel::Profile, true);
    layout->addWidget(m_view, 3);

    m_chart = new RemainingChartView(this);
    layout->addWidget(m_chart, 2);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("watchStatus"));
    layout->addWidget(m_status);

    auto *addMenu = new QMenu(m_add);
    addMenu->setObjectName(QStringLiteral("watchAddMenu"));
    addMenu->addAction(tr("Batch IDs…"), this, [this] {
        if (const auto text = Dialogs::askText(this, tr("Add batches"),
                                               tr("Batch IDs, separated by spaces or commas (a 商品券 batch as "
                                                  "PRODUCT_COUPON_ID:STOCK_ID), or a column pasted from a sheet:"),
                                               {}))
            addFromText(*text);
    });
    addMenu->addAction(tr("Every batch in History"), this, &WatchPage::addFromHistory);
    addMenu->addAction(tr("From a 商品券's batch list…"), this, &WatchPage::addFromProductCouponList);
    m_add->setMenu(addMenu);
    auto *moreMenu = new QMenu(m_more);
    moreMenu->addAction(tr("Import watchlist…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import watchlist"), {}, tr("JSON (*.json)"));
        if (!path.isEmpty())
            importFrom(path);
    });
    moreMenu->addAction(tr("Export watchlist…"), this, [this] {
        const QString path = Dialogs::saveFileName(this, tr("Export watchlist"), QStringLiteral("watchlist.json"),
                                                   tr("JSON (*.json)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    m_more->setMenu(moreMenu);

    connect(m_refreshButton, &QPushButton::clicked, this, &WatchPage::refresh);
    connect(m_remove, &QPushButton::clicked, this, &WatchPage::removeSelected);
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(+1); });
    connect(m_autoCheck, &QCheckBox::toggled, this,
            [this](bool on) { setAutoRefreshMinutes(on ? m_autoMinutes->value() : 0); });
    connect(m_autoMinutes, &QSpinBox::valueChanged, this, [this](int minutes) {
        if (m_autoCheck->isChecked())
            setAutoRefreshMinutes(minutes);
    });
    connect(&m_auto, &QTimer::timeout, this, &WatchPage::refresh);
    connect(m_lowPercent, &QDoubleSpinBox::valueChanged, this, &WatchPage::thresholdsChanged);
    connect(m_grouping, &QComboBox::currentIndexChanged, this,
            [this] { setGrouping(WatchBoard::Grouping(m_grouping->currentData().toInt())); });
    connect(m_rowThresholds, &QPushButton::clicked, this, [this] {
        const WatchRowRef ref = selected();
        if (!ref.isValid())
            return;
        const std::optional<LowThresholds> own = m_watches.at(ref.board)->list().batches().value(ref.index).thresholds;
        const auto text = Dialogs::askText(
            this, tr("Thresholds of this batch"),
            tr("Low below P % left, or running out within H hours — as \"P, H\". Empty: the defaults above."),
            own ? QStringLiteral("%1, %2").arg(own->percent).arg(own->hours) : QString());
        if (text)
            setSelectedThresholds(*text);
    });
    connect(m_lowHours, &QDoubleSpinBox::valueChanged, this, &WatchPage::thresholdsChanged);
    auto quietChanged = [this] {
        m_quiet = m_quietCheck->isChecked() ? std::optional(QuietHours{m_quietFrom->time(), m_quietTo->time()})
                                            : std::nullopt;
    };
    connect(m_quietCheck, &QCheckBox::toggled, this, quietChanged);
    connect(m_quietFrom, &QTimeEdit::timeChanged, this, quietChanged);
    connect(m_quietTo, &QTimeEdit::timeChanged, this, quietChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &WatchPage::showSelected);
    // Kept for the next run (useSettings), whichever control changed.
    connect(m_autoCheck, &QCheckBox::toggled, this, &WatchPage::saveSettings);
    connect(m_autoMinutes, &QSpinBox::valueChanged, this, &WatchPage::saveSettings);
    connect(m_lowPercent, &QDoubleSpinBox::valueChanged, this, &WatchPage::saveSettings);
    connect(m_lowHours, &QDoubleSpinBox::valueChanged, this, &WatchPage::saveSettings);
    connect(m_quietCheck, &QCheckBox::toggled, this, &WatchPage::saveSettings);
    connect(m_quietFrom, &QTimeEdit::timeChanged, this, &WatchPage::saveSettings);
    connect(m_quietTo, &QTimeEdit::timeChanged, this, &WatchPage::saveSettings);
    connect(m_grouping, &QComboBox::currentIndexChanged, this, &WatchPage::saveSettings);
    connect(m_allProfiles, &QCheckBox::toggled, this, &WatchPage::setAllProfiles);
    connect(m_allProfiles, &QCheckBox::toggled, this, &WatchPage::saveSettings);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const WatchRowRef ref = m_model->rowRef(index.row());
        if (ref.isValid())
            Q_EMIT openRequested(m_watches.at(ref.board)->profileName(),
                                 m_watches.at(ref.board)->board().row(ref.index).batch.key);
    });
    setAutoRefreshMinutes(m_autoMinutes->value());
    rebuildWatches();
    retranslate();
}

WatchPage::~WatchPage()
{
    // The watches (and their refreshes) go now, while the pacer they take queued lookups back
    // from still exists: children deleted by ~QObject would outlive this class's members.
    qDeleteAll(std::exchange(m_watches, {}));
}

void WatchPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void WatchPage::retranslate()
{
    m_refreshButton->setText(tr("Refresh"));
    m_autoCheck->setText(tr("Every"));
    m_autoMinutes->setSuffix(tr(" min"));
    m_add->setText(tr("Add"));
    m_remove->setText(tr("Remove"));
    m_more->setText(tr("More"));
    m_thresholdCaption->setText(tr("Low below"));
    m_lowHours->setPrefix(tr("or within "));
    m_lowHours->setSuffix(tr(" h"));
    m_quietCheck->setText(tr("Quiet hours"));
    m_rowThresholds->setText(tr("This batch…"));
    m_rowThresholds->setToolTip(tr("Thresholds of the selected batch, instead of the defaults"));
    m_grouping->setItemText(0, tr("No grouping"));
    m_grouping->setItemText(1, tr("Group by owner / brand"));
    m_grouping->setItemText(2, tr("Group by profile"));
    m_allProfiles->setText(tr("All profiles"));
    m_allProfiles->setToolTip(tr("Every profile's watchlist in one table, each looked up with its own profile"));
    m_up->setToolTip(tr("Move up"));
    m_down->setToolTip(tr("Move down"));
    m_model->reload(QDateTime::currentDateTime());
}

void WatchPage::setSession(ProfileSession *session, const QString &profileName, const QString &folder)
{
    m_session = session;
    m_profileName = profileName;
    m_folder = folder;
    rebuildWatches();
}

void WatchPage::setOtherProfiles(const QStringList &names, SessionOpener opener)
{
    m_otherProfiles = names;
    m_opener = std::move(opener);
    if (showsAllProfiles())
        rebuildWatches();
}

void WatchPage::setAllProfiles(bool on)
{
    const QSignalBlocker blocker(m_allProfiles);
    m_allProfiles->setChecked(on);
    rebuildWatches();
}

bool WatchPage::showsAllProfiles() const
{
    return m_allProfiles->isChecked();
}

ProfileWatch *WatchPage::addWatch(const QString &profileName, ProfileSession *session, bool awaitReady)
{
    // Without a profile in use nothing is read or kept.
    auto *watch = new ProfileWatch(profileName, m_session ? m_folder : QString(), m_pacer,
                                   {m_lowPercent->value(), m_lowHours->value()}, this);
    const int board = int(m_watches.size());
    m_watches.append(watch);
    // An unreadable list is said and left alone: saving over it would lose it.
    if (const auto problem = watch->load())
        showNotice(UiLanguage::pick(*problem), true);
    watch->setSession(session, awaitReady);
    connect(watch, &ProfileWatch::sessionReady, this, &WatchPage::refresh);
    connect(watch, &ProfileWatch::lookedUp, this, [this, board](int index, bool crossed) {
        if (crossed)
            announce({board, index});
    });
    connect(watch, &ProfileWatch::refreshed, this, &WatchPage::watchRefreshed);
    return watch;
}

void WatchPage::rebuildWatches()
{
    m_model->setWatches({}); // the table lets go of the rows before they go
    m_model->reload(QDateTime::currentDateTime());
    qDeleteAll(std::exchange(m_watches, {}));
    m_held.clear();
    m_refreshing = false;
    m_notice->hide();
    addWatch(m_profileName, m_session);
    const bool all = m_session && showsAllProfiles();
    if (all) {
        for (const QString &name : std::as_const(m_otherProfiles)) {
            if (name == m_profileName)
                continue;
            auto session = m_opener ? m_opener(name)
                                    : Result<ProfileSession *, BilingualText>(
                                        BilingualText{QStringLiteral("无法打开"), QStringLiteral("cannot be opened")});
            ProfileWatch *watch = addWatch(name, session ? *session : nullptr, true);
            if (!session) // its rows stay, saying why they are not looked up
                watch->setUnavailable(session.error());
        }
    }
    m_model->setWatches(QList<const ProfileWatch *>(m_watches.cbegin(), m_watches.cend()));
    m_model->reload(QDateTime::currentDateTime());
    m_view->setColumnHidden(WatchTableModel::Profile, !all);
    m_refreshButton->setEnabled(m_session != nullptr);
    Q_EMIT lowCountChanged(lowCount());
    refresh();
}

bool WatchPage::isRefreshing() const
{
    return m_refreshing;
}

int WatchPage::lowCount() const
{
    int low = 0;
    for (const ProfileWatch *watch : m_watches)
        low += watch->board().lowCount();
    return low;
}

WatchRowRef WatchPage::selected() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? WatchRowRef{} : m_model->rowRef(rows.first().row());
}

void WatchPage::setAutoRefreshMinutes(int minutes)
{
    if (minutes <= 0)
        m_auto.stop();
    else
        m_auto.start(minutes * 60 * 1000);
}

void WatchPage::listChanged(ProfileWatch &watch)
{
    if (const auto problem = watch.listChanged())
        showNotice(UiLanguage::pick(*problem), true);
    m_model->reload(QDateTime::currentDateTime());
    Q_EMIT lowCountChanged(lowCount());
}

int WatchPage::addFromText(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,，;；]+"));
    // A 服务商 watches a 商品券 batch for the brand its profile serves (the first, when several).
    const QString brand
        = m_session && !m_session->profile().isBrand() ? m_session->profile().brands.value(0) : QString();
    int added = 0;
    QStringList unreadable;
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        auto batch = WatchedBatch::fromText(part, part.contains(u':') ? brand : QString());
        if (!batch)
            unreadable << part.left(40);
        else if (current().list().add(*batch))
            ++added;
    }
    if (added > 0)
        listChanged(current());
    if (!unreadable.isEmpty())
        showNotice(tr("Not a batch ID (skipped): %1").arg(unreadable.join(QStringLiteral(", "))), true);
    else if (added > 0)
        showNotice(tr("%n batch(es) added.", nullptr, added), false);
    if (added > 0 && m_session)
        refresh();
    return added;
}

int WatchPage::addFromHistory()
{
    if (!m_log || !m_session)
        return 0;
    AuditFilter filter;
    filter.profile = m_profileName;
    const auto entries = m_log->query(filter);
    if (!entries) {
        showNotice(UiLanguage::pick(entries.error().text()), true);
        return 0;
    }
    int added = 0;
    for (const AuditEntry &entry : *entries) {
        const StockKey key = entry.change.budgetChange().key();
        if (entry.change.bundleId.isEmpty()
            && current().list().add(WatchedBatch{key, entry.change.stockName, std::nullopt}))
            ++added;
    }
    if (added > 0) {
        listChanged(current());
        refresh();
    }
    showNotice(tr("%n batch(es) added from History.", nullptr, added), false);
    return added;
}

bool WatchPage::importFrom(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        showNotice(tr("No such file: %1").arg(QDir::toNativeSeparators(path)), true);
        return false;
    }
    auto list = Watchlist::load(path);
    if (!list) {
        showNotice(UiLanguage::pick(list.error()), true);
        return false;
    }
    int added = 0;
    for (const WatchedBatch &batch : list->batches())
        added += current().list().add(batch) ? 1 : 0;
    listChanged(current());
    showNotice(tr("%n batch(es) imported.", nullptr, added), false);
    if (added > 0)
        refresh();
    return true;
}

bool WatchPage::exportTo(const QString &path) const
{
    return !current().list().save(path);
}

void WatchPage::removeSelected()
{
    const WatchRowRef ref = selected();
    if (!ref.isValid())
        return;
    ProfileWatch &watch = *m_watches.at(ref.board);
    watch.list().remove(ref.index);
    listChanged(watch);
}

void WatchPage::moveSelected(int by)
{
    const WatchRowRef ref = selected();
    if (!ref.isValid())
        return;
    ProfileWatch &watch = *m_watches.at(ref.board); // within its own profile's list
    watch.list().move(ref.index, ref.index + by);
    listChanged(watch);
    m_view->selectRow(m_model->rowOf({ref.board, std::clamp(ref.index + by, 0, watch.list().size() - 1)}));
}

void WatchPage::useSettings(QSettings *settings)
{
    m_settings = nullptr; // nothing is written back while the stored values are applied
    if (settings) {
        const int minutes = settings->value(QStringLiteral("watch/autoMinutes"), 5).toInt();
        m_autoCheck->setChecked(minutes > 0);
        m_autoMinutes->setValue(std::clamp(minutes, 1, 60));
        const LowThresholds stored{
            settings->value(QStringLiteral("watch/lowPercent"), LowThresholds{}.percent).toDouble(),
            settings->value(QStringLiteral("watch/lowHours"), LowThresholds{}.hours).toDouble()};
        if (stored.isValid()) { // a hand-edited value out of range is ignored
            m_lowPercent->setValue(stored.percent);
            m_lowHours->setValue(stored.hours);
        }
        const QTime from
            = QTime::fromString(settings->value(QStringLiteral("watch/quietFrom")).toString(), Qt::ISODate);
        const QTime to = QTime::fromString(settings->value(QStringLiteral("watch/quietTo")).toString(), Qt::ISODate);
        if (from.isValid() && to.isValid()) {
            m_quietFrom->setTime(from);
            m_quietTo->setTime(to);
        }
        m_quietCheck->setChecked(settings->value(QStringLiteral("watch/quiet"), false).toBool());
        m_allProfiles->setChecked(settings->value(QStringLiteral("watch/allProfiles"), false).toBool());
        const int grouping = settings->value(QStringLiteral("watch/grouping"), 0).toInt();
        if (const int index = m_grouping->findData(grouping); index >= 0)
            m_grouping->setCurrentIndex(index);
    }
    m_settings = settings;
}

void WatchPage::saveSettings() const
{
    if (!m_settings)
        return;
    m_settings->setValue(QStringLiteral("watch/autoMinutes"), m_autoCheck->isChecked() ? m_autoMinutes->value() : 0);
    m_settings->setValue(QStringLiteral("watch/lowPercent"), m_lowPercent->value());
    m_settings->setValue(QStringLiteral("watch/lowHours"), m_lowHours->value());
    m_settings->setValue(QStringLiteral("watch/quiet"), m_quietCheck->isChecked());
    m_settings->setValue(QStringLiteral("watch/quietFrom"), m_quietFrom->time().toString(Qt::ISODate));
    m_settings->setValue(QStringLiteral("watch/quietTo"), m_quietTo->time().toString(Qt::ISODate));
    m_settings->setValue(QStringLiteral("watch/grouping"), m_grouping->currentData().toInt());
    m_settings->setValue(QStringLiteral("watch/allProfiles"), m_allProfiles->isChecked());
}

void WatchPage::setGrouping(WatchBoard::Grouping grouping)
{
    m_grouping->setCurrentIndex(m_grouping->findData(int(grouping)));
    m_model->setGrouping(grouping);
    m_model->reload(QDateTime::currentDateTime());
}

bool WatchPage::setSelectedThresholds(const QString &text)
{
    const WatchRowRef ref = selected();
    if (!ref.isValid())
        return false;
    std::optional<LowThresholds> thresholds;
    if (!text.trimmed().isEmpty()) {
        const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,，\\s]+")), Qt::SkipEmptyParts);
        bool percentOk = false;
        bool hoursOk = false;
        const LowThresholds typed{parts.value(0).toDouble(&percentOk), parts.value(1).toDouble(&hoursOk)};
        if (parts.size() != 2 || !percentOk || !hoursOk || !typed.isValid()) {
            showNotice(tr("“%1” is not “P, H”: a percentage 0–100 and hours 0–8784.").arg(text.left(40)), true);
            return false;
        }
        thresholds = typed;
    }
    ProfileWatch &watch = *m_watches.at(ref.board);
    watch.list().setThresholds(ref.index, thresholds);
    watch.board().setWatchlist(watch.list());
    watch.board().reforecast(QDateTime::currentDateTime());
    listChanged(watch);
    return true;
}

void WatchPage::addFromProductCouponList()
{
    if (!m_session)
        return;
    const auto coupon
        = Dialogs::askText(this, tr("Add from a 商品券's batch list"), tr("Product coupon ID (商品券ID):"), {});
    if (!coupon || !ProductCouponApi::isValidProductCouponId(coupon->trimmed()))
        return;
    const QString brand = m_session->profile().isBrand() ? QString() : m_session->profile().brands.value(0);
    auto *picker = new BatchPicker(m_session->client(), coupon->trimmed(), brand, this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &QDialog::accepted, this, [this, picker, coupon, brand] {
        const QString stock = picker->chosenStockId();
        if (stock.isEmpty())
            return;
        if (current().list().add(
                WatchedBatch{{CouponFamily::ProductCoupon, stock, coupon->trimmed(), brand}, {}, std::nullopt})) {
            listChanged(current());
            refresh();
        }
    });
    picker->open();
    picker->load();
}

void WatchPage::thresholdsChanged()
{
    for (ProfileWatch *watch : std::as_const(m_watches)) {
        watch->board().setDefaults({m_lowPercent->value(), m_lowHours->value()});
        watch->board().reforecast(QDateTime::currentDateTime());
    }
    m_model->reload(QDateTime::currentDateTime());
    Q_EMIT lowCountChanged(lowCount());
}

void WatchPage::refresh()
{
    // Profiles not being looked up start now (one whose session just became ready joins a
    // refresh that runs); the others go on.
    int batches = 0;
    for (ProfileWatch *watch : std::as_const(m_watches)) {
        if (watch->refresh()) {
            m_refreshing = true;
            batches += watch->list().size();
        }
    }
    if (batches == 0)
        return;
    m_refreshButton->setEnabled(false);
    m_status->setText(tr("Looking %n batch(es) up (at most 5 a second)…", nullptr, batches));
}

void WatchPage::announce(const WatchRowRef &ref)
{
    if (m_quiet && m_quiet->contains(QTime::currentTime())) {
        if (!m_held.contains(ref))
            m_held.append(ref); // said when the quiet hours end, if still low then
        return;
    }
    const ProfileWatch &watch = *m_watches.at(ref.board);
    const WatchRow &row = watch.board().row(ref.index);
    const QString name = (m_watches.size() > 1 ? watch.profileName() + QStringLiteral(" › ") : QString())
        + (row.batch.name.isEmpty() ? row.batch.text() : row.batch.name);
    const QString when = UiLanguage::pick(BatchForecast::describeHours(row.forecast.hoursToEmpty));
    const QString text = tr("%1 (%2): %3 left%4")
                             .arg(name, row.batch.text())
                             .arg(row.forecast.remaining)
                             .arg(when.isEmpty() ? QString() : QStringLiteral(" — ") + when);
    showNotice(tr("⚠ Running low: %1").arg(text), true);
    Q_EMIT alerted(tr("Batch running low"), text);
}

void WatchPage::watchRefreshed()
{
    if (!m_refreshing)
        return;
    for (const ProfileWatch *watch : std::as_const(m_watches)) {
        if (watch->isRefreshing())
            return; // the refresh ends with the last profile's
    }
    m_refreshing = false;
    m_lastRefresh = QDateTime::currentDateTime();
    if (!m_quiet || !m_quiet->contains(QTime::currentTime())) {
        const QList<WatchRowRef> held = std::exchange(m_held, {});
        for (const WatchRowRef &ref : held) {
            if (ref.index < m_watches.at(ref.board)->board().size()
                && m_watches.at(ref.board)->board().row(ref.index).low)
                announce(ref);
        }
    }
    int rows = 0;
    int failed = 0;
    for (const ProfileWatch *watch : std::as_const(m_watches)) {
        rows += watch->board().size();
        failed += int(std::count_if(watch->board().rows().cbegin(), watch->board().rows().cend(),
                                    [](const WatchRow &row) { return row.failure.has_value(); }));
    }
    m_model->reload(m_lastRefresh);
    showSelected();
    m_refreshButton->setEnabled(m_session != nullptr);
    m_status->setText(tr("Refreshed at %1: %n batch(es), %2 low, %3 lookup(s) failed.", nullptr, rows)
                          .arg(m_lastRefresh.toString(QStringLiteral("HH:mm:ss")))
                          .arg(lowCount())
                          .arg(failed));
    Q_EMIT lowCountChanged(lowCount());
    Q_EMIT refreshed();
}

void WatchPage::showSelected()
{
    WatchRowRef ref = selected();
    if (!ref.isValid())
        ref = m_model->rowRef(0); // the first row (the lowest) until one is chosen
    if (!ref.isValid()) {
        m_chart->setChart({}, QString());
        return;
    }
    const WatchBoard &board = m_watches.at(ref.board)->board();
    const WatchRow &row = board.row(ref.index);
    m_chart->setChart(board.chart(ref.index, QDateTime::currentDateTime()),
                      tr("%1 — left (blue), issued today (grey), at today's pace (red, dashed)")
                          .arg(row.batch.name.isEmpty() ? row.batch.text() : row.batch.name));
}

void WatchPage::showNotice(const QString &text, bool failure)
{
    m_notice->setText(text);
    m_notice->setStyleSheet(StatusColours::textStyle(failure ? StatusTone::Failure : StatusTone::Success, palette()));
    m_notice->setVisible(!text.isEmpty());
}

} // namespace budgetdesk::ui
