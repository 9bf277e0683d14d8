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
  RedactingStderrSink(bool json, LineDecorator decorate)
      : json_(json), decorate_(std::move(decorate)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string text = redact(std::string_view(msg.payload.data(), msg.payload.size()));
    std::string line;
    const auto level = spdlog::level::to_string_view(msg.level);
    if (json_) {
      auto secs =
          std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch());
      line = nlohmann::json{
          {"ts_ms", secs.count()},
          {"level", std::string(level.data(), level.size())},
          {"msg",
           text}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else if (auto decorated = decorate_ ? decorate_(line_level(msg.level), text) : std::nullopt) {
      line = std::move(*decorated);
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
  static LineLevel line_level(spdlog::level::level_enum l) {
    switch (l) {
      case spdlog::level::trace:
      case spdlog::level::debug: return LineLevel::kDebug;
      case spdlog::level::info: return LineLevel::kInfo;
      case spdlog::level::warn: return LineLevel::kWarn;
      default: return LineLevel::kError;
    }
  }

  bool json_;
  LineDecorator decorate_;
};

}  // namespace

void setup_logging(LogLevel level, bool json, LineDecorator decorate) {
  auto logger = std::make_shared<spdlog::logger>(
      "backfill", std::make_shared<RedactingStderrSink>(json, std::move(decorate)));
  logger->set_level(level == LogLevel::kDebug  ? spdlog::level::debug
                    : level == LogLevel::kWarn ? spdlog::level::warn
                                               : spdlog::level::info);
  logger->flush_on(spdlog::level::debug);
  spdlog::set_default_logger(logger);
}

}  // namespace backfill
