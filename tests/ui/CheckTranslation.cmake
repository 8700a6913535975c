# The zh_CN translation is complete: lupdate over today's sources finds nothing new, and
# lrelease finds nothing unfinished. Run as a CTest script (see tests/CMakeLists.txt) on a copy,
# so that the check never rewrites the source tree.
foreach(var LUPDATE LRELEASE TS_FILE SOURCE_DIR WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "CheckTranslation.cmake needs -D${var}=…")
    endif()
endforeach()

file(MAKE_DIRECTORY "${WORK_DIR}")
get_filename_component(_name "${TS_FILE}" NAME)
set(_copy "${WORK_DIR}/${_name}")
configure_file("${TS_FILE}" "${_copy}" COPYONLY)

execute_process(COMMAND "${LUPDATE}" -no-obsolete -locations none "${SOURCE_DIR}" -ts "${_copy}"
                OUTPUT_VARIABLE _update ERROR_VARIABLE _update RESULT_VARIABLE _rc)
message(STATUS "${_update}")
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed")
endif()
string(REGEX MATCH "\\(([0-9]+) new" _new "${_update}")
if(NOT CMAKE_MATCH_1 EQUAL 0)
    message(FATAL_ERROR "${CMAKE_MATCH_1} window string(s) are not in ${_name}: run the budgetdesk_ui_lupdate target and translate them")
endif()

execute_process(COMMAND "${LRELEASE}" "${_copy}" -qm "${WORK_DIR}/check.qm"
                OUTPUT_VARIABLE _release ERROR_VARIABLE _release RESULT_VARIABLE _rc)
message(STATUS "${_release}")
string(REGEX MATCH "([0-9]+) unfinished" _unfinished "${_release}")
if(NOT _rc EQUAL 0 OR NOT _unfinished OR NOT CMAKE_MATCH_1 EQUAL 0)
    message(FATAL_ERROR "${_name} has unfinished translations")
endif()
