#include "MainWindow.h"

#include "BudgetPage.h"
#include "DemoEnvironment.h"
#include "Dialogs.h"
#include "HistoryPage.h"
#include "ProfileWizard.h"
#include "UiLanguage.h"
#include "audit/AuditTrail.h"
#include "profile/ConnectionTest.h"
#include "profile/ProfileSession.h"
#include "simulator/SimulatorServer.h"

#include "BudgetDeskVersion.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace budgetdesk::ui {

struct MainWindow::Menus
{
    QMenu *file = nullptr;
    QMenu *profile = nullptr;
    QMenu *language = nullptr;
    QMenu *demo = nullptr;
    QMenu *help = nullptr;
    QAction *quit = nullptr;
    QAction *newProfile = nullptr;
    QAction *testConnection = nullptr;
    QAction *chinese = nullptr;
    QAction *english = nullptr;
    QAction *clearFaults = nullptr;
    QAction *about = nullptr;
    QAction *lookUp = nullptr;
};

namespace {

struct FaultChoice
{
    const char *fault;
    const char *label; // translated in retranslate()
};

const FaultChoice Faults[] = {
    {"bad-signature", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Answers with a wrong signature")},
    {"signtest", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Signature probes (WECHATPAY/SIGNTEST/)")},
    {"wrong-serial", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Answers signed with an unknown key")},
    {"omit-signature-headers", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Answers without signature headers")},
    {"skew=120", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Server clock 2 minutes ahead")},
    {"skew=-400", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Server clock 400 s behind (SIGN_ERROR)")},
    {"delay=4000", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Slow answers (4 s)")},
    {"drop-before-apply", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Connection drops before the change")},
    {"drop-after-apply", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Connection drops after the change")},
    {"status=500", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "HTTP 500 SYSTEM_ERROR")},
    {"status=503", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "HTTP 503 SERVICE_UNAVAILABLE")},
    {"busy", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Batch being modified (批次正在修改中)")},
};

} // namespace

MainWindow::MainWindow(WindowContext context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(std::move(context))
    , m_profiles(m_context.data.settingsFile())
    , m_menus(std::make_unique<Menus>())
{
    setObjectName(QStringLiteral("mainWindow"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("demoBanner"));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: #f39c12; color: black; font-weight: bold; padding: 6px; }"));
    m_banner->setVisible(isDemo());
    layout->addWidget(m_banner);
    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_budget = new BudgetPage(m_tabs);
    m_history = new HistoryPage(m_tabs);
    m_tabs->addTab(m_budget, QString());
    m_tabs->addTab(m_history, QString());
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    auto *toolbar = addToolBar(QStringLiteral("profiles"));
    toolbar->setObjectName(QStringLiteral("profileToolbar"));
    toolbar->setMovable(false);
    m_profileLabel = new QLabel(toolbar);
    m_profileBox = new QComboBox(toolbar);
    m_profileBox->setObjectName(QStringLiteral("profileSelector"));
    m_profileBox->setMinimumContentsLength(18);
    toolbar->addWidget(m_profileLabel);
    toolbar->addWidget(m_profileBox);
    connect(m_profileBox, &QComboBox::activated, this,
            [this](int index) { openProfile(m_profileBox->itemText(index)); });
    // Not offered while a change is on its way (openProfile refuses it too).
    connect(m_budget, &BudgetPage::busyChanged, m_profileBox, [this](bool busy) {
        m_profileBox->setEnabled(!busy);
        m_profileBox->setToolTip(busy ? tr("A change is being sent: switch profiles once it has finished.")
                                      : QString());
    });

    buildMenus();
    connect(m_budget, &BudgetPage::changeFinished, m_history, &HistoryPage::refresh);
    connect(m_history, &HistoryPage::refreshed, this, &MainWindow::showUnresolved);

    // The audit log: the demo's own throw-away one, or the user's.
    auto log = AuditLog::open(m_context.data.auditDatabase(), AuditLog::Mode::ReadWrite, AuditLog::WindowBusyTimeoutMs);
    if (log) {
        m_log = std::move(log).value();
        m_history->setLog(m_log.get());
    } else {
        // Without a log nothing may be sent: said where 发送 is, not only in the status bar.
        m_budget->setAuditProblem(log.error().text());
        statusBar()->showMessage(UiLanguage::pick(log.error().text()));
    }

    QSettings &settings = m_profiles.settings();
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1100, 760);

    retranslate();
    refreshProfiles();
    if (isDemo()) {
        m_budget->suggestBatches(m_context.demo->batchLabels());
        openProfile(m_context.demo->profile().name);
    } else {
        const QString last = m_profiles.lastUsed();
        const QStringList names = m_profiles.names();
        if (!names.isEmpty())
            openProfile(names.contains(last) ? last : names.first());
    }
    showUnresolved();
}

MainWindow::~MainWindow()
{
    // Sessions and the trail refer to each other and to the log: end them in order.
    m_budget->setSession(nullptr, nullptr);
    m_history->setSession(nullptr, nullptr);
    m_trail.reset();
    m_session.reset();
}

void MainWindow::buildMenus()
{
    Menus &m = *m_menus;
    m.file = menuBar()->addMenu(QString());
    m.quit = m.file->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);
    m.profile = menuBar()->addMenu(QString());
    m.newProfile = m.profile->addAction(QString(), this, &MainWindow::newProfile);
    m.newProfile->setObjectName(QStringLiteral("newProfileAction"));
    m.testConnection = m.profile->addAction(QString(), this, &MainWindow::testConnection);
    m.testConnection->setObjectName(QStringLiteral("testConnectionAction"));
    m.newProfile->setEnabled(!isDemo());

    m.language = menuBar()->addMenu(QString());
    m_languages = new QActionGroup(this);
    m.chinese = m.language->addAction(QStringLiteral("中文"));
    m.english = m.language->addAction(QStringLiteral("English"));
    m.chinese->setObjectName(QStringLiteral("languageChinese"));
    m.english->setObjectName(QStringLiteral("languageEnglish"));
    for (QAction *action : {m.chinese, m.english}) {
        action->setCheckable(true);
        m_languages->addAction(action);
    }
    (UiLanguage::instance().current() == Language::Chinese ? m.chinese : m.english)->setChecked(true);
    // The choice is remembered for the next start (in demo mode, for this run only).
    auto choose = [this](Language language) {
        UiLanguage::instance().apply(language);
        m_profiles.settings().setValue(QStringLiteral("ui/language"),
                                       language == Language::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en"));
    };
    connect(m.chinese, &QAction::triggered, this, [choose] { choose(Language::Chinese); });
    connect(m.english, &QAction::triggered, this, [choose] { choose(Language::English); });

    if (isDemo()) {
        // Demo mode: make the simulator misbehave, to see how BudgetDesk copes.
        m.demo = menuBar()->addMenu(QString());
        m.demo->setObjectName(QStringLiteral("demoMenu"));
        for (const FaultChoice &choice : Faults) {
            QAction *action = m.demo->addAction(QString());
            action->setCheckable(true);
            action->setData(QString::fromLatin1(choice.fault));
            action->setObjectName(QStringLiteral("fault:") + QString::fromLatin1(choice.fault));
            m_faultActions.append(action);
            connect(action, &QAction::toggled, this, [this] {
                QStringList faults;
                for (QAction *fault : std::as_const(m_faultActions)) {
                    if (fault->isChecked())
                        faults.append(fault->data().toString());
                }
                auto plan = sim::FaultPlan::parse(faults);
                if (plan)
                    m_context.demo->setFaults(*plan);
            });
        }
        m.demo->addSeparator();
        m.clearFaults = m.demo->addAction(QString(), this, [this] {
            for (QAction *fault : std::as_const(m_faultActions))
                fault->setChecked(false);
        });
    }

    m.help = menuBar()->addMenu(QString());
    m.about = m.help->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About BudgetDesk"),
                           tr("<b>BudgetDesk %1</b> — 商家券预算助手<br>Look up a WeChat Pay merchant-coupon batch and "
                              "change its budget: validated, signed, verified, explained and audited.")
                               .arg(QStringLiteral(BUDGETDESK_VERSION)));
    });
    m.lookUp = new QAction(this);
    m.lookUp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m.lookUp, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_budget);
        if (auto *edit = m_budget->findChild<QWidget *>(QStringLiteral("stockIdEdit")))
            edit->setFocus();
    });
    addAction(m.lookUp);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    Menus &m = *m_menus;
    m.file->setTitle(tr("&File"));
    m.quit->setText(tr("&Quit"));
    m.profile->setTitle(tr("&Profile"));
    m.newProfile->setText(tr("&New profile…"));
    m.testConnection->setText(tr("&Test connection"));
    m.language->setTitle(tr("&Language"));
    m.help->setTitle(tr("&Help"));
    m.about->setText(tr("&About BudgetDesk"));
    if (m.demo) {
        m.demo->setTitle(tr("&Demo faults"));
        for (int i = 0; i < m_faultActions.size(); ++i)
            m_faultActions[i]->setText(tr(Faults[i].label));
        m.clearFaults->setText(tr("Behave normally again"));
    }
    m_profileLabel->setText(tr("Profile: "));
    m_banner->setText(tr("演示模式 Demo mode — a local simulator plays WeChat Pay. Nothing here touches real merchants "
                         "or your audit log."));
    m_tabs->setTabText(0, tr("Budget"));
    showHistoryTab(); // with the unconfirmed count it had: a language switch does not forget it
    updateTitle();
}

QString MainWindow::profileName() const
{
    return m_session ? m_session->profile().name : QString();
}

void MainWindow::updateTitle()
{
    QString title = QStringLiteral("BudgetDesk");
    if (!profileName().isEmpty())
        title += QStringLiteral(" — ") + profileName();
    if (isDemo())
        title += QStringLiteral(" — 演示模式");
    setWindowTitle(title);
}

void MainWindow::refreshProfiles()
{
    const QSignalBlocker blocker(m_profileBox);
    m_profileBox->clear();
    if (isDemo())
        m_profileBox->addItem(m_context.demo->profile().name);
    else
        m_profileBox->addItems(m_profiles.names());
    m_profileBox->setCurrentText(profileName());
}

bool MainWindow::openProfile(const QString &name)
{
    // The session's client owns the change in flight: swapping it now would drop the change
    // mid-way — applied on the server, never shown, its audit entry left pending.
    if (m_budget->isBusy()) {
        statusBar()->showMessage(tr("A change is being sent: switch profiles once it has finished."));
        m_profileBox->setCurrentText(profileName());
        return false;
    }
    std::optional<MerchantProfile> profile = isDemo() && name == m_context.demo->profile().name
        ? std::optional(m_context.demo->profile())
        : m_profiles.profile(name);
    if (!profile)
        return false;

    ProfileSecrets secrets;
    m_context.secrets->readNow(SecretStore::passphraseKey(name), secrets.keyPassphrase);
    m_context.secrets->readNow(SecretStore::apiV3Key(name), secrets.apiV3Key);
    auto session = ProfileSession::open(*profile, secrets, m_context.data, m_context.transport);
    // A missing passphrase is asked for once, and kept for this session (or in the OS store).
    if (!session && session.error().keyError()
        && (session.error().keyError()->code() == KeyError::Code::PassphraseRequired
            || session.error().keyError()->code() == KeyError::Code::WrongPassphrase)) {
        const auto typed = Dialogs::askSecret(this, tr("Key passphrase"),
                                              tr("The private key of “%1” is encrypted. Passphrase:").arg(name));
        if (typed) {
            secrets.keyPassphrase = typed->toUtf8();
            session = ProfileSession::open(*profile, secrets, m_context.data, m_context.transport);
            if (session)
                m_context.secrets->writeNow(SecretStore::passphraseKey(name), secrets.keyPassphrase);
        }
    }
    if (!session) {
        statusBar()->showMessage(
            tr("Profile “%1” cannot be used: %2").arg(name, UiLanguage::pick(session.error().text())));
        return false;
    }

    m_budget->setSession(nullptr, nullptr);
    m_history->setSession(nullptr, nullptr);
    m_trail.reset();
    m_session = std::move(session).value();
    if (m_log)
        m_trail = std::make_unique<AuditTrail>(*m_log, profile->name, profile->mchid,
                                               isDemo() ? QStringLiteral("demo") : QStringLiteral("window"),
                                               profile->operatorName);
    if (!isDemo())
        m_profiles.setLastUsed(name);
    refreshProfiles();
    updateTitle();

    connect(m_session.get(), &ProfileSession::ready, this, [this](const BilingualText &problem) {
        if (!problem.zh.isEmpty())
            statusBar()->showMessage(UiLanguage::pick(problem));
        m_budget->setSession(m_session.get(), m_trail.get());
        m_history->setSession(m_session.get(), m_trail.get());
        Q_EMIT profileReady();
    });
    m_session->prepare();
    return true;
}

void MainWindow::newProfile()
{
    ProfileWizard wizard(m_context.data, this);
    if (wizard.exec() != QDialog::Accepted)
        return;
    const MerchantProfile profile = wizard.profile();
    const ProfileSecrets secrets = wizard.secrets();
    if (const auto problem = m_profiles.save(profile)) {
        // Said, not swallowed: a profile that was not written must not look saved.
        statusBar()->showMessage(UiLanguage::pick(*problem));
        return;
    }
    for (const auto &[key, value] : {std::pair{SecretStore::passphraseKey(profile.name), secrets.keyPassphrase},
                                     std::pair{SecretStore::apiV3Key(profile.name), secrets.apiV3Key}}) {
        if (!value.isEmpty() && m_context.secrets->writeNow(key, value) != SecretStore::Status::Stored)
            statusBar()->showMessage(
                tr("The system's secret store is unavailable: secrets are kept for this session only."));
    }
    openProfile(profile.name);
}

void MainWindow::offerFirstRunWizard()
{
    if (isDemo() || !m_profiles.names().isEmpty())
        return;
    statusBar()->showMessage(tr("No merchant profile yet: use Profile › New profile… to add one, or start "
                                "BudgetDesk with --demo to try it without a merchant account."));
    QTimer::singleShot(0, this, &MainWindow::newProfile);
}

void MainWindow::testConnection()
{
    if (!m_session)
        return;
    ProfileSecrets secrets;
    m_context.secrets->readNow(SecretStore::passphraseKey(profileName()), secrets.keyPassphrase);
    m_context.secrets->readNow(SecretStore::apiV3Key(profileName()), secrets.apiV3Key);
    statusBar()->showMessage(tr("Testing the connection…"));
    ConnectionTest *test
        = ConnectionTest::start(m_session->profile(), secrets, m_context.data, {}, m_context.transport);
    connect(test, &ConnectionTest::finished, this, [this](const QList<ConnectionTest::StageReport> &reports) {
        const auto failure = ConnectionTest::firstFailure(reports);
        statusBar()->showMessage(failure ? tr("Connection test failed at “%1”: %2")
                                               .arg(UiLanguage::pick(ConnectionTest::stageLabel(failure->stage)),
                                                    UiLanguage::pick(failure->text))
                                         : tr("Connection test passed."));
    });
}

void MainWindow::showHistoryTab()
{
    m_tabs->setTabText(1, m_unresolved ? tr("History (%1 unconfirmed)").arg(m_unresolved) : tr("History"));
}

void MainWindow::showUnresolved()
{
    const qsizetype unresolved = m_log ? m_log->unresolved().size() : 0;
    m_unresolved = unresolved;
    showHistoryTab();
    if (unresolved)
        statusBar()->showMessage(
            tr("%n change(s) could not be confirmed; check them in History.", nullptr, int(unresolved)));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_budget->isBusy()
        && !Dialogs::confirm(this, tr("A change is in progress"),
                             tr("A change is being sent. Close anyway? It may still take effect; it stays in the "
                                "history as unconfirmed until checked."))) {
        event->ignore();
        return;
    }
    m_profiles.settings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace budgetdesk::ui
