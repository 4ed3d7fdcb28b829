#pragma once
/// A fixed pool of worker threads. Tasks must not block waiting on other tasks of the same pool.
/// Results never depend on which worker ran a task: callers keep order themselves (futures in
/// submission order), so output is identical for any thread count.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace sakuga::core {

class ThreadPool {
 public:
  /// `threads` workers; 0 means one per hardware thread.
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  size_t size() const { return workers_.size(); }

  template <typename F>
  auto submit(F&& fn) -> std::future<std::invoke_result_t<F>> {
    using R = std::invoke_result_t<F>;
    auto task = std::make_shared<std::packaged_task<R()>>(std::forward<F>(fn));
    std::future<R> fut = task->get_future();
    enqueue([task] { (*task)(); });
    return fut;
  }

  /// Runs fn(i) for i in [0, n) on the pool and waits. Must not be called from inside a task.
  void parallel_for(size_t n, const std::function<void(size_t)>& fn);

 private:
  void enqueue(std::function<void()> job);
  void work();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace sakuga::core
