# sakuga_module(NAME SOURCES ... [DEPS ...] [TESTS ...])
# Declares the static library sakuga_<NAME> and, when tests are on, the test binary <NAME>_test.
function(sakuga_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;TESTS" ${ARGN})
  set(lib sakuga_${name})
  add_library(${lib} STATIC ${ARG_SOURCES})
  target_include_directories(${lib} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${lib} PUBLIC ${ARG_DEPS})
  sakuga_warnings(${lib})
  if(SAKUGA_TESTS AND ARG_TESTS)
    add_executable(${name}_test ${ARG_TESTS})
    target_link_libraries(${name}_test PRIVATE ${lib} sakuga_testing GTest::gtest_main GTest::gmock)
    sakuga_warnings(${name}_test)
    gtest_discover_tests(${name}_test
      PROPERTIES ENVIRONMENT "SAKUGA_SOURCE_DIR=${PROJECT_SOURCE_DIR};SAKUGA_BINARY_DIR=${PROJECT_BINARY_DIR}"
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

function(sakuga_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  # GCC 12 reports a false -Wrestrict inside libstdc++ for `"literal" + std::string` at -O3
  # (GCC bug 105329); it would make -Werror fail on correct code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(SAKUGA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
