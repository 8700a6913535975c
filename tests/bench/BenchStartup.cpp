// Cold start of the window, plain and --demo, against a bare Qt Widgets window (BareWindow.cpp)
// in the same run: wall time from process start until the window has painted (the program
// prints `first_paint`), and until it can take input (in demo mode: the simulator listening
// and the demo profile's keys loaded — started after the first paint); peak resident memory
// (VmHWM); and the private part of resident memory (RssAnon), the rest being libraries and
// fonts mapped from files and shared with other processes. Runs alternate; the medians count.
// In English and in Chinese, each against the bare window in the same language.
// Printed as ratios, never asserted.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {

constexpr int Runs = 21;

template<typename T> T median(QList<T> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

long long field(const QByteArray &output, const QByteArray &name)
{
    for (const QByteArray &line : output.split('\n')) {
        if (line.startsWith(name + '='))
            return line.mid(name.size() + 1).toLongLong();
    }
    return 0;
}

struct Series
{
    const char *name;
    QString program;
    QStringList arguments;
    QList<double> milliseconds;
    QList<double> paintMilliseconds;
    QList<long long> peakKilobytes;
    QList<long long> privateKilobytes;

    void runOnce()
    {
        QProcess process;
        QElapsedTimer timer;
        timer.start();
        process.start(program, arguments);
        QByteArray output;
        while (!output.contains("first_paint\n") && process.waitForReadyRead(60000))
            output += process.readAllStandardOutput();
        paintMilliseconds.append(double(timer.nsecsElapsed()) / 1e6);
        if (!process.waitForFinished(60000) || process.exitCode() != 0)
            qFatal("%s did not start and quit cleanly: %s", name, process.readAllStandardError().constData());
        milliseconds.append(double(timer.nsecsElapsed()) / 1e6);
        output += process.readAllStandardOutput();
        if (!output.contains("first_paint\n"))
            qFatal("%s never said first_paint", name);
        peakKilobytes.append(field(output, "peak_rss_kb"));
        privateKilobytes.append(field(output, "anon_rss_kb"));
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("BUDGETDESK_NO_KEYCHAIN", "1");
    QTemporaryDir data; // the plain window starts without profiles, as on first run
    const QString app = QStringLiteral(BUDGETDESK_APP_PATH);
    const QString bareWindow = QStringLiteral(BARE_WINDOW_PATH);
    // Each program in each language, against the bare window in the same language.
    const char *const languages[] = {"en", "zh_CN"};
    QList<Series> series;
    for (const char *language : languages) {
        const QStringList inLanguage{QStringLiteral("--language"), QString::fromLatin1(language)};
        const QStringList startUp = QStringList{QStringLiteral("--benchmark-startup")} + inLanguage;
        series.append({"bare Qt Widgets window", bareWindow, inLanguage, {}, {}, {}, {}});
        series.append(
            {"budgetdesk", app, startUp + QStringList{QStringLiteral("--data-dir"), data.path()}, {}, {}, {}, {}});
        series.append({"budgetdesk --demo", app, startUp + QStringList{QStringLiteral("--demo")}, {}, {}, {}, {}});
    }
    // One unmeasured run each brings the libraries into the page cache.
    for (Series &s : series) {
        s.runOnce();
        s = Series{s.name, s.program, s.arguments, {}, {}, {}, {}};
    }
    for (int run = 0; run < Runs; ++run) {
        for (Series &s : series)
            s.runOnce();
    }

    std::printf("start-up: to the first paint, and to an interactive window; median of %d runs (platform %s)\n", Runs,
                qgetenv("QT_QPA_PLATFORM").constData());
    for (qsizetype first = 0; first < series.size(); first += 3) {
        const Series &bare = series.at(first);
        std::printf(" %s\n", qPrintable(bare.arguments.last()));
        for (qsizetype i = first; i < first + 3; ++i) {
            const Series &s = series.at(i);
            std::printf(
                "  %-24s paint %7.1f ms x%.2f   interactive %7.1f ms x%.2f   peak RSS %6lld KiB x%.2f   "
                "private %6lld KiB x%.2f\n",
                s.name, median(s.paintMilliseconds), median(s.paintMilliseconds) / median(bare.paintMilliseconds),
                median(s.milliseconds), median(s.milliseconds) / median(bare.milliseconds), median(s.peakKilobytes),
                double(median(s.peakKilobytes)) / double(median(bare.peakKilobytes)), median(s.privateKilobytes),
                double(median(s.privateKilobytes)) / double(median(bare.privateKilobytes)));
        }
    }
    std::printf("targets: <= x1.50 for the time to the first paint and for memory\n");
    return 0;
}
