# The API reference (`make docs`, README.md "API reference"): target `docs`
# runs Doxygen over the runtime, the sdk layer and the generated bindings of
# one API version (the default one when it is built) into
# ${CMAKE_BINARY_DIR}/docs/html. It depends on that version's generation, so
# the generated headers exist and are current. Not part of `all`.
find_program(DOXYGEN_EXECUTABLE doxygen)

set(_docs_api "${DOCKER_CPP_DEFAULT_API}")
if(NOT TARGET docker_api_v${DOCKER_CPP_DEFAULT_API_ID}_codegen)
  list(GET _docker_cpp_versions 0 _docs_api)
endif()
string(REPLACE "." "_" _docs_id "${_docs_api}")
set(DOCKER_CPP_DOCS_API "${_docs_api}")
set(DOCKER_CPP_DOCS_OUT "${CMAKE_BINARY_DIR}/docs")
set(DOCKER_CPP_DOCS_GENERATED "${CMAKE_BINARY_DIR}/generated/v${_docs_id}/include")
set(DOCKER_CPP_DOCS_THREADS 2)
set(DOCKER_CPP_DOCS_HTML "${DOCKER_CPP_DOCS_OUT}/html" CACHE INTERNAL "")
set(DOCKER_CPP_DOCS_WARNINGS "${DOCKER_CPP_DOCS_OUT}/doxygen-warnings.log" CACHE INTERNAL "")
set(DOCKER_CPP_DOCS_DOXYFILE "${DOCKER_CPP_DOCS_OUT}/Doxyfile" CACHE INTERNAL "")
configure_file(${PROJECT_SOURCE_DIR}/docs/reference/Doxyfile.in ${DOCKER_CPP_DOCS_DOXYFILE} @ONLY)

if(DOXYGEN_EXECUTABLE)
  file(GLOB_RECURSE _docs_inputs CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/runtime/include/*.hpp
    ${PROJECT_SOURCE_DIR}/sdk/include/*.hpp
    ${PROJECT_SOURCE_DIR}/docs/reference/*
    ${PROJECT_SOURCE_DIR}/examples/*)
  list(SORT _docs_inputs)
  # The generation stamp changes whenever a generated header does.
  add_custom_command(
    OUTPUT ${DOCKER_CPP_DOCS_HTML}/index.html
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${DOCKER_CPP_DOCS_HTML}
    COMMAND ${DOXYGEN_EXECUTABLE} ${DOCKER_CPP_DOCS_DOXYFILE}
    # The landing page (README.md) links to the examples' sources: ship them beside it.
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${PROJECT_SOURCE_DIR}/examples ${DOCKER_CPP_DOCS_HTML}/examples
    COMMAND ${CMAKE_COMMAND} -E echo "API reference: ${DOCKER_CPP_DOCS_HTML}/index.html (warnings: ${DOCKER_CPP_DOCS_WARNINGS})"
    DEPENDS ${DOCKER_CPP_DOCS_DOXYFILE} ${_docs_inputs} ${PROJECT_SOURCE_DIR}/README.md
      ${CMAKE_BINARY_DIR}/generated/v${_docs_id}/codegen.stamp
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Doxygen: API reference of the runtime, the sdk layer and the API ${_docs_api} bindings"
    VERBATIM)
  add_custom_target(docs DEPENDS ${DOCKER_CPP_DOCS_HTML}/index.html)
  add_dependencies(docs docker_api_v${_docs_id}_codegen)
else()
  add_custom_target(docs
    COMMAND ${CMAKE_COMMAND} -E echo "docs: doxygen is not installed (scripts/deps.sh docs)"
    COMMAND ${CMAKE_COMMAND} -E false)
endif()
