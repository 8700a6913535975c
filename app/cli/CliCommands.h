#pragma once

#include "cli/CliOptions.h"
#include "profile/DataDirectory.h"
#include "profile/ProfileStore.h"
#include "profile/SecretStore.h"

namespace budgetdesk::cli {

// What every command works with.
struct CliContext
{
    const CliOptions &options;
    const DataDirectory &data;
    ProfileStore &profiles;
    SecretStore &secrets;
};

int runLookupOrModify(const CliContext &context);
int runProfileCommand(const CliContext &context);
int runHistory(const CliContext &context);
int runReconcile(const CliContext &context);
int runWatch(const CliContext &context);
int runApply(const CliContext &context);

} // namespace budgetdesk::cli
