// Input: a bulk change file as a user might hand one over (any bytes: a CSV, Excel's GB18030 or
// UTF-16, a binary by mistake), and a run journal as found in the data folder. Whatever the sheet
// reader accepts must be a row BudgetDesk would send — a valid batch ID, one request kind, a line
// within the file — and every refused line must say why in both languages; a journal it accepts
// must name a valid run and hold nothing to send without a target and a request number.
#include "bulk/BulkJournal.h"
#include "bulk/BulkSheet.h"

#include <cstdint>
#include <cstdlib>

using namespace budgetdesk;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(bytes), qsizetype(size));
    if (const auto sheet = BulkSheet::read(input)) {
        check(sheet->rows().size() <= BulkSheet::MaximumRows);
        int previous = 1;
        for (const BulkRow &row : sheet->rows()) {
            check(row.line > previous); // in the file's order, the header being line 1
            previous = row.line;
            check(StockKey::isValidStockId(row.key.family, row.key.stockId));
            check(row.key.isProductCoupon() == !row.key.productCouponId.isEmpty());
            if (row.request.kind == BulkRequest::Kind::Target)
                check(row.request.value >= 0);
            if (row.request.kind == BulkRequest::Kind::Stop)
                check(row.dimension == BudgetDimension::Total);
            if (row.request.kind == BulkRequest::Kind::Percent)
                check(row.request.value >= -1000000 && row.request.value <= 1000000);
        }
        for (const BulkLineProblem &problem : sheet->problems())
            check(problem.line >= 2 && !problem.why.zh.isEmpty() && !problem.why.en.isEmpty());
    }
    if (const auto journal = BulkJournal::fromJson(input)) {
        check(BulkJournal::isValidRunId(journal->runId));
        for (const BulkJournalRow &row : journal->rows) {
            check(StockKey::isValidStockId(row.key.family, row.key.stockId));
            if (row.state != BulkJournalRow::State::Settled)
                check(row.target.has_value() && !row.requestNumber.isEmpty());
        }
    }
    return 0;
}
