import asyncio
import pygame

WIDTH, HEIGHT = 320, 240
ACCENT = "{{ACCENT}}"


async def main():
    pygame.init()
    screen = pygame.display.set_mode((WIDTH, HEIGHT))
    clock = pygame.time.Clock()
    x, y, dx, dy = 60, 80, 4, 3
    paddle = pygame.Rect(WIDTH // 2 - 40, HEIGHT - 20, 80, 10)
    running = True
    while running:
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                running = False
        keys = pygame.key.get_pressed()
        paddle.x += (keys[pygame.K_RIGHT] - keys[pygame.K_LEFT]) * 6
        x, y = x + dx, y + dy
        if x < 10 or x > WIDTH - 10:
            dx = -dx
        if y < 10 or paddle.collidepoint(x, y + 10):
            dy = -dy
        if y > HEIGHT:
            x, y = 60, 80
        screen.fill("#10131a")
        pygame.draw.circle(screen, ACCENT, (x, y), 10)
        pygame.draw.rect(screen, "white", paddle)
        pygame.display.flip()
        clock.tick(60)
        await asyncio.sleep(0)


asyncio.run(main())
