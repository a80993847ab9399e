# Runs a cross build's tests under wine: CMAKE_CROSSCOMPILING_EMULATOR (set by mingw-w64.cmake) already puts wine in
# front of every test executable; this gives the tests a wine prefix of their own in the build tree, created once by
# a fixture (the first start of wine takes tens of seconds) with the null display driver, and quiet wine logs.
function(clockout_tests_under_wine)
    if(NOT CMAKE_CROSSCOMPILING_EMULATOR)
        message(WARNING "wine not found: the Windows tests are built but cannot run (Debian: apt install wine wine64)")
        return()
    endif()
    set(prefix ${CMAKE_BINARY_DIR}/wine-prefix)
    set(environment "WINEPREFIX=${prefix}" "WINEDEBUG=-all" "WINEDLLOVERRIDES=mscoree,mshtml=")
    get_property(tests DIRECTORY PROPERTY TESTS)
    add_test(NAME windows.wine_prefix COMMAND bash ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/wine-prefix.sh)
    set_tests_properties(windows.wine_prefix PROPERTIES FIXTURES_SETUP wine_prefix ENVIRONMENT "${environment}"
                                                        LABELS windows TIMEOUT 240)
    foreach(test ${tests})
        set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT ${environment} ${ARGN})
        set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED wine_prefix)
        set_property(TEST ${test} PROPERTY TIMEOUT 120)  # a lost message fails, not hangs
    endforeach()
endfunction()
