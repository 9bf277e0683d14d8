#include "backfill/core/log.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>

#include "backfill/core/redact.hpp"

namespace backfill {

namespace {

class RedactingStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingStderrSink(bool json) : json_(json) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string text = redact(std::string_view(msg.payload.data(), msg.payload.size()));
    std::string line;
    const auto level = spdlog::level::to_string_view(msg.level);
    if (json_) {
      auto secs = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch());
      line = nlohmann::json{{"ts_ms", secs.count()},
                            {"level", std::string(level.data(), level.size())},
                            {"msg", text}}
                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      line = "backfill: ";
      if (msg.level != spdlog::level::info) line += std::string(level.data(), level.size()) + ": ";
      line += text;
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }

 private:
  bool json_;
};

}  // namespace

void setup_logging(LogLevel level, bool json) {
  auto logger = std::make_shared<spdlog::logger>("backfill", std::make_shared<RedactingStderrSink>(json));
  logger->set_level(level == LogLevel::kDebug  ? spdlog::level::debug
                    : level == LogLevel::kWarn ? spdlog::level::warn
                                               : spdlog::level::info);
  logger->flush_on(spdlog::level::debug);
  spdlog::set_default_logger(logger);
}

}  // namespace backfill
