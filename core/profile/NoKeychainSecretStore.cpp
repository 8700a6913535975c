// Builds without qtkeychain have no OS store: secrets are asked for and kept for the session.
#include "profile/SecretStore.h"

namespace budgetdesk {

std::unique_ptr<SecretStore> createOsSecretStore()
{
    return nullptr;
}

} // namespace budgetdesk
