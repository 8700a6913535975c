#pragma once

#include <utility>
#include <variant>

namespace budgetdesk {

// A value or the typed reason it could not be produced. Failures in BudgetDesk are
// values, never exceptions: they cross signal boundaries and end up in front of a user.
template<typename T, typename E> class [[nodiscard]] Result
{
    static_assert(!std::is_same_v<T, E>, "Result needs distinct value and error types");

public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    { }
    Result(E error)
        : m_state(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    T value_or(T fallback) const & { return ok() ? value() : std::move(fallback); }

    const E &error() const & { return std::get<1>(m_state); }
    E &&error() && { return std::get<1>(std::move(m_state)); }

private:
    std::variant<T, E> m_state;
};

} // namespace budgetdesk
