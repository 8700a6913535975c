// Cold start of the window, plain and --demo, against a bare Qt Widgets window (BareWindow.cpp)
// in the same run: wall time from process start until the window has been shown, painted
// and can take input (in demo mode: the simulator listening and the demo profile's keys
// loaded), and peak resident memory. Runs alternate; the medians count. Printed as ratios,
// never asserted.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {

constexpr int Runs = 9;

struct Sample
{
    double milliseconds = 0;
    long long peakKilobytes = 0;
};

Sample runOnce(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        qFatal("%s did not start and quit cleanly: %s", qPrintable(program),
               process.readAllStandardError().constData());
    Sample sample;
    sample.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (line.startsWith("peak_rss_kb="))
            sample.peakKilobytes = line.mid(12).toLongLong();
    }
    return sample;
}

struct Series
{
    const char *name;
    QString program;
    QStringList arguments;
    QList<double> times;
    QList<long long> peaks;

    double medianTime() const
    {
        QList<double> sorted = times;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(sorted.size() / 2);
    }
    long long medianPeak() const
    {
        QList<long long> sorted = peaks;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(sorted.size() / 2);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    qputenv("BUDGETDESK_NO_KEYCHAIN", "1");
    QTemporaryDir data; // the plain window starts without profiles, as on first run
    const QString app = QStringLiteral(BUDGETDESK_APP_PATH);
    Series series[] = {
        {"bare Qt Widgets window", QStringLiteral(BARE_WINDOW_PATH), {}, {}, {}},
        {"budgetdesk", app, {QStringLiteral("--benchmark-startup"), QStringLiteral("--data-dir"), data.path()}, {}, {}},
        {"budgetdesk --demo", app, {QStringLiteral("--benchmark-startup"), QStringLiteral("--demo")}, {}, {}},
    };
    // One unmeasured run each loads the libraries into the page cache.
    for (Series &s : series)
        runOnce(s.program, s.arguments);
    for (int run = 0; run < Runs; ++run) {
        for (Series &s : series) {
            const Sample sample = runOnce(s.program, s.arguments);
            s.times.append(sample.milliseconds);
            s.peaks.append(sample.peakKilobytes);
        }
    }

    std::printf("start-up to an interactive window, median of %d runs (platform %s)\n", Runs,
                qgetenv("QT_QPA_PLATFORM").constData());
    const Series &bare = series[0];
    for (const Series &s : series) {
        std::printf("  %-24s %8.1f ms  x%.2f   peak %7lld KiB  x%.2f\n", s.name, s.medianTime(),
                    s.medianTime() / bare.medianTime(), s.medianPeak(),
                    double(s.medianPeak()) / double(bare.medianPeak()));
    }
    std::printf("targets: <= x1.50 for time and for memory\n");
    return 0;
}
