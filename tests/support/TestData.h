#pragma once

#include "auth/HttpHeaders.h"

#include <QByteArray>
#include <QString>

namespace budgetdesk::test {

// Absolute path of a file under tests/data.
QString dataPath(const QString &relative);
// The file's bytes; fails the running test if it cannot be read.
QByteArray readData(const QString &relative);
// A "Name: value" per line header file, as in tests/data/vectors/derived/*_headers.txt.
HttpHeaders readHeaders(const QString &relative);

} // namespace budgetdesk::test
