#include "backfill/cli/app.hpp"

int main(int argc, char** argv) { return backfill::cli::run_app(argc, argv); }
