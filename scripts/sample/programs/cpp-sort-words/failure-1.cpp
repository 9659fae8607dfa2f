#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

int main() {
    std::vector<std::string> words = {"pear", "fig", "banana", "kiwi", "apple", "date"};
    std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
        if (a.size() != b.size()) return a.size() < b.size();
        return a < b;
    });
    for (const auto& w : words) {
        std::cout << w.size() << " " << w << "\n";
    }
    std::cout << "longest: " << words.at(words.size()) << std::endl;
    return 0;
}
